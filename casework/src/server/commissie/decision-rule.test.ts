import type { Organisation } from '@aware/protocol';
import type { VoteChoice } from '@aware/casework/contract';
import { describe, expect, it } from 'vitest';
import { decide } from './decision-rule.js';

const votes = (police: VoteChoice, moviera: VoteChoice, vt?: VoteChoice) =>
  new Map<Organisation, VoteChoice>([['police', police], ['moviera', moviera], ...(vt ? [['veilig_thuis', vt] as const] : [])]);

describe('the decision rule', () => {
  it('decides nothing before all three organisations have voted', () => {
    expect(decide(votes('approve', 'approve'), 'unanimous')).toBeNull();
    expect(decide(votes('reject', 'reject'), 'majority')).toBeNull();
  });

  it('approves unanimously only when all three approve', () => {
    expect(decide(votes('approve', 'approve', 'approve'), 'unanimous')).toBe('approved');
    expect(decide(votes('approve', 'approve', 'more_info'), 'unanimous')).toBe('more_info_needed');
    expect(decide(votes('approve', 'more_info', 'reject'), 'unanimous')).toBe('rejected');
  });

  it('approves or rejects by two of three under the majority rule', () => {
    expect(decide(votes('approve', 'approve', 'reject'), 'majority')).toBe('approved');
    expect(decide(votes('reject', 'reject', 'approve'), 'majority')).toBe('rejected');
    expect(decide(votes('approve', 'reject', 'more_info'), 'majority')).toBe('more_info_needed');
  });
});
