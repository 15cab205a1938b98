import type { ErrorBody } from '@aware/protocol';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isRejectedByDatabase } from '../durable/db-errors.js';
import { DISPATCH_ERRORS, DispatchErrorCode, isDispatchError } from '../errors.js';

/** Every error leaves as `ErrorBody` with a stable DSP_ERR_* code; internals are logged, never shown. */
export function errorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  let body: ErrorBody;
  if (isDispatchError(error)) {
    body = { code: error.code, message: error.message, statusCode: error.statusCode };
  } else if (databaseAway(error)) {
    // a route's database read or write that could not reach PostgreSQL: try again, not an internal error
    request.log.warn({ err: error }, 'database unavailable in a dispatch route');
    const away = DISPATCH_ERRORS[DispatchErrorCode.DATABASE_UNAVAILABLE];
    body = { code: DispatchErrorCode.DATABASE_UNAVAILABLE, message: away.message, statusCode: away.statusCode };
  } else if ('statusCode' in error && typeof error.statusCode === 'number' && error.statusCode < 500) {
    // fastify's own (unparseable JSON, body too large, unsupported media type)
    body = { code: DispatchErrorCode.BODY_INVALID, message: error.message, statusCode: error.statusCode };
  } else {
    request.log.error({ err: error }, 'unexpected error in a dispatch route');
    const internal = DISPATCH_ERRORS[DispatchErrorCode.INTERNAL];
    body = { code: DispatchErrorCode.INTERNAL, message: internal.message, statusCode: internal.statusCode };
  }
  void reply.status(body.statusCode).send(body);
}

/** A connection-level failure (pg or socket error code), not the data's fault (db-errors.ts) and not fastify's own. */
function databaseAway(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && !code.startsWith('FST_') && !code.startsWith('ERR_') && !isRejectedByDatabase(error);
}
