import { formatMs } from '../duration.js';
import type { Step } from './schema.js';

/** One line saying what a step does, as the runner prints it and names it in a failure. */
export function describeStep(step: Step): string {
  const who = (p: string | undefined) => (p ? ` ${p}` : '');
  const targets = (t: string | string[]) => (t === 'all' ? ' all' : ` ${[t].flat().join(', ')}`);
  switch (step.do) {
    case 'connect':
      return `connect${targets(step.pendants)} within ${formatMs(step.within)}`;
    case 'disconnect':
      return `disconnect${targets(step.pendants)}`;
    case 'wait':
      return `wait ${formatMs(step.for)}`;
    case 'heartbeat':
      return `heartbeat${targets(step.pendants)} for ${formatMs(step.for)}`;
    case 'press':
      return `press${who(step.pendant)}${step.as ? ` as "${step.as}"` : ''}`;
    case 'walk':
      return `walk${who(step.pendant)} ${step.meters} m${step.speed ? ` at ${step.speed} m/s` : ''}${step.background ? ' (background)' : ''}`;
    case 'offline':
      return `offline${who(step.pendant)} for ${formatMs(step.for)}${step.background ? ' (background)' : ''}`;
    case 'battery':
      return `battery${who(step.pendant)} ${step.percent}%${step.charging === undefined ? '' : step.charging ? ' charging' : ' not charging'}`;
    case 'expect-confirmed':
      return `expect-confirmed ${step.press ? `"${step.press}"` : `latest press${who(step.pendant)}`} within ${formatMs(step.within)}`;
    case 'expect-command':
      return `expect-command ${step.type}${who(step.pendant)} within ${formatMs(step.within)}`;
  }
}
