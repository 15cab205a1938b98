import type { ErrorBody } from '@aware/protocol';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DASHBOARD_ERRORS, DashboardErrorCode, isDashboardError } from '../errors.js';

/** Every error of a dashboard route leaves as `ErrorBody` with a DSH_ERR_* code; internals are logged, never shown. */
export function errorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  let body: ErrorBody;
  if (isDashboardError(error)) {
    body = { code: error.code, message: error.message, statusCode: error.statusCode };
    if (error.retryAfterS !== undefined) {
      body.retryAfterS = error.retryAfterS;
      void reply.header('retry-after', String(error.retryAfterS));
    }
    if (error.problems) body.problems = [...error.problems];
    if (error.statusCode >= 500) request.log.error({ err: error }, 'dashboard route failed');
  } else if ('statusCode' in error && typeof error.statusCode === 'number' && error.statusCode < 500) {
    // fastify's own (unparseable JSON, body too large, unsupported media type)
    body = { code: DashboardErrorCode.BODY_INVALID, message: error.message, statusCode: error.statusCode };
  } else {
    request.log.error({ err: error }, 'unexpected error in a dashboard route');
    const internal = DASHBOARD_ERRORS[DashboardErrorCode.INTERNAL];
    body = { code: DashboardErrorCode.INTERNAL, message: internal.message, statusCode: internal.statusCode };
  }
  void reply.status(body.statusCode).send(body);
}
