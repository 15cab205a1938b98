/**
 * Error codes of the simulator, each defined once and never reused for another meaning.
 * `exitCode`: 2 = bad input (usage, files), 1 = the run failed (an expectation, a load run),
 * 3 = the broker refused or could not be reached.
 */
export const SIM_ERRORS = {
  SIM_ERR_USAGE: { exitCode: 2, doc: 'unknown command, unknown or missing flag, bad flag value' },
  SIM_ERR_SCENARIO_UNREADABLE: { exitCode: 2, doc: 'the scenario file cannot be read or parsed as JSON/YAML' },
  SIM_ERR_SCENARIO_INVALID: { exitCode: 2, doc: 'the scenario file does not match the scenario schema' },
  SIM_ERR_CREDENTIALS_UNREADABLE: { exitCode: 2, doc: 'the credentials file cannot be read or is not JSON' },
  SIM_ERR_CREDENTIALS_INVALID: { exitCode: 2, doc: 'the credentials file is not a list of {id, secret}' },
  SIM_ERR_CREDENTIALS_TOO_FEW: { exitCode: 2, doc: 'the credentials file has fewer devices than asked for' },
  SIM_ERR_EXPECTATION_FAILED: { exitCode: 1, doc: 'a scenario expectation did not hold' },
  SIM_ERR_LOAD_FAILED: { exitCode: 1, doc: 'a load run could not complete (a worker died, no pendant connected)' },
  SIM_ERR_PROVISION_FAILED: { exitCode: 1, doc: 'registering test pendants in the device registry failed' },
  SIM_ERR_CONNECT_REFUSED: { exitCode: 3, doc: 'the broker refused the connection (CONNACK), e.g. bad credentials' },
  SIM_ERR_CONNECT_TIMEOUT: { exitCode: 3, doc: 'a pendant did not connect in time' },
} as const satisfies Record<string, { exitCode: number; doc: string }>;

export type SimErrorCode = keyof typeof SIM_ERRORS;

export class SimError extends Error {
  readonly code: SimErrorCode;

  constructor(code: SimErrorCode, message: string) {
    super(message);
    this.name = 'SimError';
    this.code = code;
  }

  get exitCode(): number {
    return SIM_ERRORS[this.code].exitCode;
  }
}

/** Error codes of the control API (control-api.ts), with their HTTP status. */
export const SIM_API_ERRORS = {
  SIM_API_NOT_FOUND: { statusCode: 404, doc: 'no such route' },
  SIM_API_UNKNOWN_PENDANT: { statusCode: 404, doc: 'no running pendant has this device id' },
  SIM_API_BODY_INVALID: { statusCode: 400, doc: 'the request body is not JSON or not what the route takes' },
  SIM_API_BODY_TOO_LARGE: { statusCode: 413, doc: 'the request body is over 4 KiB' },
  SIM_API_INTERNAL: { statusCode: 500, doc: 'the simulator failed to carry out the request' },
} as const satisfies Record<string, { statusCode: number; doc: string }>;

export type SimApiErrorCode = keyof typeof SIM_API_ERRORS;
