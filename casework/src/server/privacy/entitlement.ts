import { ageOn, type RequesterCapacity } from '@aware/casework/contract';

export interface EntitlementInput {
  readonly capacity: RequesterCapacity;
  readonly dateOfBirth: string | null;
  readonly legallyIncapable: boolean;
  /** Written consent of the client on file (lets someone else act for a client of 16 or older). */
  readonly consent: string | null;
  readonly today: string;
}

const AUTHORITY: readonly RequesterCapacity[] = ['parent_with_authority', 'guardian'];

/**
 * Who may exercise a client's rights over the dossier (Veilig Thuis' rules for inzage, applied to every
 * right): legally incapable — parents with authority, guardian or legal representative; 16 and older —
 * the client, anyone else only with the client's consent; 12 to 16 — the client and parents with
 * authority (or guardian); under 12 — parents with authority or guardian. Without a date of birth the
 * client is treated as 16 or older. Returns why not, or null when entitled.
 */
export function entitlement(i: EntitlementInput): string | null {
  if (i.legallyIncapable) {
    return [...AUTHORITY, 'legal_representative'].includes(i.capacity) ? null : 'the client is legally incapable: parents with authority, guardian or legal representative';
  }
  const age = i.dateOfBirth ? ageOn(i.dateOfBirth, i.today) : null;
  if (age === null || age >= 16) {
    return i.capacity === 'client' || i.consent ? null : 'from 16 only the client, or someone else with the client\'s written consent';
  }
  if (age >= 12) return i.capacity === 'client' || AUTHORITY.includes(i.capacity) ? null : 'from 12 to 16 the client and parents with authority';
  return AUTHORITY.includes(i.capacity) ? null : 'under 12 only parents with authority or the guardian';
}
