import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { errorHandler } from './error-handler.js';

/** What a route's failure looks like to the console: a stable code, and "try again" when only the database was away. */
describe('the dispatch error handler', () => {
  const answerTo = async (thrown: Error & { code?: string }) => {
    const app = Fastify({ logger: false });
    app.setErrorHandler(errorHandler);
    app.get('/x', async () => {
      throw thrown;
    });
    const res = await app.inject({ method: 'GET', url: '/x' });
    await app.close();
    return { status: res.statusCode, code: (res.json() as { code: string }).code };
  };
  const withCode = (code: string) => Object.assign(new Error(code), { code });

  it('answers 503 "database unavailable" when PostgreSQL cannot be reached (socket or connection error)', async () => {
    expect(await answerTo(withCode('ECONNREFUSED'))).toEqual({ status: 503, code: 'DSP_ERR_DATABASE_UNAVAILABLE' });
    expect(await answerTo(withCode('57P01'))).toEqual({ status: 503, code: 'DSP_ERR_DATABASE_UNAVAILABLE' });
  });

  it('keeps a refusal by the data, a programming error and an uncoded error internal', async () => {
    expect(await answerTo(withCode('23505'))).toEqual({ status: 500, code: 'DSP_ERR_INTERNAL' });
    expect(await answerTo(withCode('ERR_INVALID_ARG_TYPE'))).toEqual({ status: 500, code: 'DSP_ERR_INTERNAL' });
    expect(await answerTo(new Error('boom'))).toEqual({ status: 500, code: 'DSP_ERR_INTERNAL' });
  });
});
