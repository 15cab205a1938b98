import type { BodyProblem } from '@aware/protocol';

/**
 * Error codes of `@aware/casework`: the commissie workflow, pendants issued to clients, the client's privacy
 * rights. Defined once here with message and HTTP status, never reused for another meaning (errors.test.ts).
 * Signing in, roles and malformed bodies are the host's (`DSH_ERR_*` of @aware/dashboard): casework routes
 * answer those with the host's codes, so the SPA handles them in one place.
 */
export const CaseworkErrorCode = {
  CONFIG_INVALID: 'CSW_ERR_CONFIG_INVALID',
  REASON_REQUIRED: 'CSW_ERR_REASON_REQUIRED',
  APPLICATION_STATE: 'CSW_ERR_APPLICATION_STATE',
  APPLICATION_INCOMPLETE: 'CSW_ERR_APPLICATION_INCOMPLETE',
  VOTE_ORGANISATION: 'CSW_ERR_VOTE_ORGANISATION',
  VOTE_TWICE: 'CSW_ERR_VOTE_TWICE',
  DEVICE_UNAVAILABLE: 'CSW_ERR_DEVICE_UNAVAILABLE',
  DEVICE_EXISTS: 'CSW_ERR_DEVICE_EXISTS',
  ASSIGNMENT_STATE: 'CSW_ERR_ASSIGNMENT_STATE',
  RECORD_RESTRICTED: 'CSW_ERR_RECORD_RESTRICTED',
  REQUESTER_NOT_ENTITLED: 'CSW_ERR_REQUESTER_NOT_ENTITLED',
  PRIVACY_REQUEST_STATE: 'CSW_ERR_PRIVACY_REQUEST_STATE',
  DOSSIER_OPEN: 'CSW_ERR_DOSSIER_OPEN',
} as const;
export type CaseworkErrorCode = (typeof CaseworkErrorCode)[keyof typeof CaseworkErrorCode];

interface ErrorDefinition {
  readonly message: string;
  readonly statusCode: number;
}

export const CASEWORK_ERRORS: Readonly<Record<CaseworkErrorCode, ErrorDefinition>> = Object.freeze({
  CSW_ERR_CONFIG_INVALID: { message: 'casework configuration is invalid', statusCode: 500 },
  CSW_ERR_REASON_REQUIRED: { message: 'this read is outside your normal workflow: give a reason', statusCode: 400 },
  CSW_ERR_APPLICATION_STATE: { message: 'the application is not in a state that allows this', statusCode: 409 },
  CSW_ERR_APPLICATION_INCOMPLETE: { message: 'the application is incomplete', statusCode: 400 },
  CSW_ERR_VOTE_ORGANISATION: { message: 'you vote for your own organisation only, as a member of the commissie', statusCode: 403 },
  CSW_ERR_VOTE_TWICE: { message: 'your organisation has voted on this application already', statusCode: 409 },
  CSW_ERR_DEVICE_UNAVAILABLE: { message: 'this pendant cannot be issued', statusCode: 409 },
  CSW_ERR_DEVICE_EXISTS: { message: 'already registered: nothing of this registration was stored', statusCode: 409 },
  CSW_ERR_ASSIGNMENT_STATE: { message: 'the assignment is not in a state that allows this', statusCode: 409 },
  CSW_ERR_RECORD_RESTRICTED: { message: 'the record is restricted (disputed): it is frozen until the restriction is lifted', statusCode: 409 },
  CSW_ERR_REQUESTER_NOT_ENTITLED: { message: 'this requester may not exercise this right for the client', statusCode: 403 },
  CSW_ERR_PRIVACY_REQUEST_STATE: { message: 'the privacy request is not in a state that allows this', statusCode: 409 },
  CSW_ERR_DOSSIER_OPEN: { message: 'the dossier cannot be closed yet', statusCode: 409 },
});

export class CaseworkError extends Error {
  override readonly name = 'CaseworkError';
  readonly code: CaseworkErrorCode;
  readonly statusCode: number;
  /** The parts of the body the refusal is about, by path (sent as `problems`, as for an invalid body). */
  readonly problems: readonly BodyProblem[] | undefined;

  constructor(code: CaseworkErrorCode, detail?: string, options?: { cause?: unknown; problems?: readonly BodyProblem[] }) {
    const def = CASEWORK_ERRORS[code];
    super(detail ? `${def.message}: ${detail}` : def.message, { cause: options?.cause });
    this.code = code;
    this.statusCode = def.statusCode;
    this.problems = options?.problems;
  }
}

export function isCaseworkError(error: unknown, code?: CaseworkErrorCode): error is CaseworkError {
  return error instanceof CaseworkError && (code === undefined || error.code === code);
}
