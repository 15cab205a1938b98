import { describe, expect, it } from 'vitest';
import { parseScenario } from './load-file.js';

const base = { name: 't', pendants: [{ name: 'a' }] };

function invalid(raw: unknown): string {
  try {
    parseScenario(raw, 'test');
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected the scenario to be rejected');
}

describe('scenario schema', () => {
  it('reads bare steps, shorthands and arguments beside the action', () => {
    const scenario = parseScenario(
      {
        ...base,
        steps: ['connect', { heartbeat: '2m' }, { press: 'a', as: 'first' }, { 'expect-confirmed': 'first', within: 500 }, { walk: 300, speed: 20 }, { offline: '20s', background: true }, 'disconnect'],
      },
      'test',
    );
    expect(scenario.steps).toEqual([
      { do: 'connect', pendants: 'all', within: 10_000 },
      { do: 'heartbeat', pendants: 'all', for: 120_000 },
      { do: 'press', pendant: 'a', as: 'first' },
      { do: 'expect-confirmed', press: 'first', within: 500 },
      { do: 'walk', meters: 300, speed: 20, background: false },
      { do: 'offline', for: 20_000, background: true },
      { do: 'disconnect', pendants: 'all' },
    ]);
  });

  it('names the step and the problem when a step is wrong', () => {
    expect(invalid({ ...base, steps: ['connect', { jump: 3 }] })).toMatch(/steps\[1\]: unknown step \(jump\); steps are: connect/);
    expect(invalid({ ...base, steps: [{ wait: 'soon' }] })).toMatch(/steps\[0\]\.for: not a duration: "soon"/);
    expect(invalid({ ...base, steps: [{ press: 'b' }] })).toMatch(/steps\[0\]\.pendant: unknown pendant "b"/);
    expect(invalid({ ...base, steps: [{ 'expect-confirmed': 'nope', within: 10 }] })).toMatch(/no earlier press is labelled "nope"/);
    expect(invalid({ ...base, steps: [{ 'expect-command': 'reboot', within: 10 }] })).toMatch(/steps\[0\]\.type/);
    expect(invalid({ ...base, steps: [{ press: 'a', speed: 1 }] })).toMatch(/steps\[0\]/);
  });

  it('asks for the pendant when there are several, and for known fields only', () => {
    expect(invalid({ name: 't', pendants: [{ name: 'a' }, { name: 'b' }], steps: ['press'] })).toMatch(/name the pendant/);
    expect(invalid({ ...base, pendants: [{ name: 'a', colour: 'red' }], steps: ['connect'] })).toMatch(/pendants\[0\]/);
    expect(invalid({ ...base, pendants: [{ name: 'a', id: 'Not A Device' }], steps: ['connect'] })).toMatch(/pendants\[0\]\.id/);
  });
});
