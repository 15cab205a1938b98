import type { BodyProblem } from '@aware/protocol';

/** A refusal of the server (`ErrorBody`), or `network` when it could not be reached. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    /** With 429: seconds to wait before trying again. */
    readonly retryAfterS: number | null = null,
    /** With an invalid body: each refused field by its path, for the form to show next to it. */
    readonly problems: readonly BodyProblem[] = [],
  ) {
    super(message);
  }
}
