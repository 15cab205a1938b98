import { errorHandler as hostErrorHandler } from '@aware/dashboard/host';
import type { ErrorBody } from '@aware/protocol';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isCaseworkError } from './errors.js';

/** A casework refusal leaves as `ErrorBody` with its CSW_ERR_* code; everything else as the host answers it. */
export function caseworkErrorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  if (!isCaseworkError(error)) return hostErrorHandler(error, request, reply);
  if (error.statusCode >= 500) request.log.error({ err: error }, 'casework route failed');
  const body: ErrorBody = { code: error.code, message: error.message, statusCode: error.statusCode };
  if (error.problems) body.problems = [...error.problems];
  void reply.status(error.statusCode).send(body);
}
