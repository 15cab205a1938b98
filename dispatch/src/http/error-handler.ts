import type { ErrorBody } from '@aware/protocol';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DISPATCH_ERRORS, DispatchErrorCode, isDispatchError } from '../errors.js';

/** Every error leaves as `ErrorBody` with a stable DSP_ERR_* code; internals are logged, never shown. */
export function errorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  let body: ErrorBody;
  if (isDispatchError(error)) {
    body = { code: error.code, message: error.message, statusCode: error.statusCode };
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
