import type { Organisation } from '@aware/protocol';
import type { DecisionOutcome, VoteChoice } from '@aware/casework/contract';
import type { DecisionRule } from '../config.js';
import { MEMBER_ORGANISATIONS } from './scopes.js';

/**
 * The commissie's decision once every member organisation has voted (null before that):
 * - `unanimous` (default): approved when all approve; rejected when any rejects; otherwise more
 *   information is needed.
 * - `majority`: approved when two of three approve, rejected when two of three reject; otherwise more
 *   information is needed.
 */
export function decide(votes: ReadonlyMap<Organisation, VoteChoice>, rule: DecisionRule): DecisionOutcome | null {
  if (!MEMBER_ORGANISATIONS.every((o) => votes.has(o))) return null;
  const count = (c: VoteChoice) => MEMBER_ORGANISATIONS.filter((o) => votes.get(o) === c).length;
  const all = MEMBER_ORGANISATIONS.length;
  if (rule === 'unanimous') {
    if (count('approve') === all) return 'approved';
    return count('reject') > 0 ? 'rejected' : 'more_info_needed';
  }
  const majority = Math.floor(all / 2) + 1;
  if (count('approve') >= majority) return 'approved';
  return count('reject') >= majority ? 'rejected' : 'more_info_needed';
}
