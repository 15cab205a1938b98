import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error.js';
import { errorInWords } from './error-in-words.js';

describe('a refusal in the words of the person who met it', () => {
  it('says what a known code means, in Dutch or English, never the server\'s English', () => {
    const taken = new ApiError('DSP_ERR_TECHNICAL_STATE', 'the technical alarm was already taken or resolved', 409);
    expect(errorInWords('nl', taken)).toBe('Een collega heeft dit technische alarm al opgepakt of afgehandeld.');
    expect(errorInWords('en', taken)).toBe('A colleague has already taken or resolved this technical alarm.');
    expect(errorInWords('nl', new ApiError('DSP_ERR_ALARM_STATE', 'the alarm is not in a state that allows this action', 409))).not.toContain('state');
  });

  it('says how long to wait after too many attempts', () => {
    expect(errorInWords('nl', new ApiError('DSH_ERR_TOO_MANY_ATTEMPTS', 'wait', 429, 125))).toContain('3 min.');
  });

  it('passes on what it has no words for, marked as a failure', () => {
    expect(errorInWords('nl', new ApiError('XYZ_ERR_NEW', 'something new', 500))).toBe('Dat lukte niet: something new');
    expect(errorInWords('nl', new Error('offline'))).toBe('Dat lukte niet: Error: offline');
  });
});
