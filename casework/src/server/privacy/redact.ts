import type { Role } from '@aware/protocol';
import type { DossierDocument, DossierPerpetrator, Withheld } from '@aware/casework/contract';
import { functionLabel, staffLabel, type StaffDirectory } from './staff-directory.js';

/**
 * The inzage copy shows the client the data about herself and nothing about other people (Veilig Thuis:
 * "je ziet alleen de gegevens over jezelf, tenzij de ander toestemming geeft"; AVG art. 15(4)). Per field:
 * - the perpetrator records (name, relation, description, vehicle, photo) are withheld, counted, and the
 *   reason given; also where the application's content and its amendments carry them, and the values of
 *   corrections made to them. Telling her *what* the organisation recorded about him could put her at
 *   risk too (he may ask her, or take the copy), and he has not consented.
 * - the risk assessments (the client's `riskNotes`, every application's `riskSummary`) are withheld whole:
 *   they are written about him ("Pleger gewelddadig, mogelijk wapenbezit"), often from police information
 *   that only the police may disclose (Wpg), and no pattern can find "him" in them. The copy says they
 *   exist and why they are left out; the privacy officer can weigh a manual disclosure.
 * - free text written about her (grounds, fear, motivations, notes) is hers, but may name him or staff:
 *   every occurrence of his name (and its parts), his vehicle (and its plate-like parts), his description
 *   and the full names of the staff the dossier mentions are blacked out. The privacy officer still reads
 *   the printable copy before handing it over.
 * - staff (case workers, commissie members, operators, privacy officers) are named by function and
 *   organisation only ("Casemanager Veilig Thuis"): no names, user ids, user names or IP addresses. She
 *   has a right to know which recipients saw her data (art. 15(1)(c): categories suffice); a copy that
 *   names a police operator or a case worker could reach the person she is protected from.
 * - the decisions' motivations and police registration numbers stay: she needs them to contest a
 *   decision, and to ask the police for their own records (Wpg art. 25).
 * The rare case that he consents is handled outside this copy.
 */
export const BLACKED_OUT = '[gegevens over een ander weggelaten]';
/** A member of staff named in free text: the client learns that a professional was named, not who. */
export const STAFF_BLACKED_OUT = '[naam medewerker weggelaten]';

/** What to black out in free text, and the mark that takes its place. */
export interface Redaction {
  readonly pattern: RegExp;
  readonly mark: string;
}
export const THIRD_PARTY_REASON = 'gegevens over een ander persoon (pleger): alleen met diens toestemming in te zien (AVG art. 15 lid 4)';
export const RISK_REASON =
  'risico-inschatting: gaat ook over een ander persoon (pleger) en kan politie-informatie bevatten; niet in deze kopie (AVG art. 15 lid 4). Vraag de privacyfunctionaris als u deze wilt inzien.';
export const INZAGE_NOTICE =
  'Dit is een kopie van alle gegevens die het AWARE-platform over u bewaart. Gegevens over andere personen (zoals de pleger) en de risico-inschattingen staan er niet in; waar ze in een tekst stonden, staat nu [gegevens over een ander weggelaten]. Medewerkers staan erin met hun functie en organisatie, niet met hun naam; een naam in een tekst is vervangen door [naam medewerker weggelaten].';

const withheld = (reason = THIRD_PARTY_REASON): Withheld => ({ withheld: true, reason });
const COMMISSIE: readonly Role[] = ['commissie_member'];
const CASE_WORK: readonly Role[] = ['vt_caseworker', 'commissie_member'];
const CONTROL_ROOM: readonly Role[] = ['police_operator', 'vt_operator'];
const PRIVACY: readonly Role[] = ['privacy_officer'];

export function redactForClient(doc: DossierDocument, staff: StaffDirectory): DossierDocument {
  const perpetrators = Array.isArray(doc.perpetrators) ? doc.perpetrators : [];
  const person = (ref: { id: string | null }, acting: readonly Role[]) => ({ id: null, displayName: staffLabel(ref.id ? staff.get(ref.id) : undefined, acting) });
  const hideContent = (content: unknown): unknown => {
    if (!content || typeof content !== 'object') return content;
    const out: Record<string, unknown> = { ...(content as Record<string, unknown>) };
    if ('perpetrators' in out) out['perpetrators'] = withheld();
    if ('riskSummary' in out) out['riskSummary'] = withheld(RISK_REASON);
    return out;
  };
  const out: DossierDocument = {
    ...doc,
    client: { ...doc.client, riskNotes: doc.client.riskNotes === null ? null : withheld(RISK_REASON) },
    perpetrators: { ...withheld(), count: perpetrators.length },
    applications: doc.applications.map((a) => ({
      ...a,
      content: hideContent(a.content) as DossierDocument['applications'][number]['content'],
      createdBy: person(a.createdBy, CASE_WORK),
      amendments: a.amendments.map((m) => ({ ...m, amendedBy: person(m.amendedBy, CASE_WORK), previousContent: hideContent(m.previousContent), content: hideContent(m.content) })),
      votes: a.votes.map((v) => ({ ...v, voter: person(v.voter, COMMISSIE) })),
      decision: a.decision && { ...a.decision, members: a.decision.members.map((v) => ({ ...v, voter: person(v.voter, COMMISSIE) })) },
    })),
    alarms: doc.alarms.map((a) => ({
      ...a,
      events: a.events.map((e) => ({ ...e, actor: e.actorId ? staffLabel(staff.get(e.actorId), CONTROL_ROOM) : e.actor, actorId: null })),
    })),
    corrections: doc.corrections.map((k) => ({
      ...k,
      correctedBy: person(k.correctedBy, PRIVACY),
      ...(k.subjectType === 'perpetrator' ? { oldValue: withheld(), newValue: withheld() } : {}),
    })),
    notice: INZAGE_NOTICE,
  };
  if (doc.accessLog) {
    out.accessLog = doc.accessLog.map((e) => ({ ...e, userId: null, username: functionLabel(e.role, e.organisation), displayName: null, ip: null }));
  }
  const staffNames = [...staff.values()].map((m) => m.displayName);
  return scrub(out, thirdPartyRedactions(perpetrators, doc.client.name, staffNames)) as DossierDocument;
}

/**
 * Patterns for what identifies the perpetrators (and staff, by full name) in free text. Parts of his name that are also parts of
 * hers (a relative shares her surname) are not used on their own: her own name stays readable.
 */
export function thirdPartyRedactions(perpetrators: readonly DossierPerpetrator[], clientName: string, staffNames: readonly string[] = []): Redaction[] {
  const hers = new Set(clientName.toLowerCase().split(/\s+/));
  // phrase -> mark; the perpetrator's are set last, so a phrase that is both is marked as his
  const phrases = new Map<string, string>();
  // staff by two or more consecutive words of their name ("Pieter Bos" of "Agent Pieter Bos"); one word
  // alone (a first name) is too common to black out everywhere
  for (const name of staffNames) {
    const words = name.trim().split(/\s+/);
    for (let from = 0; from < words.length; from++) {
      for (let to = from + 2; to <= words.length; to++) {
        const phrase = words.slice(from, to).join(' ');
        if (phrase.toLowerCase() !== clientName.trim().toLowerCase()) phrases.set(phrase, STAFF_BLACKED_OUT);
      }
    }
    if (words.length === 1 && words[0]!.length >= 3 && !hers.has(words[0]!.toLowerCase())) phrases.set(words[0]!, STAFF_BLACKED_OUT);
  }
  for (const p of perpetrators) {
    for (const whole of [p.name, p.vehicle, p.description]) if (whole && whole.trim().length >= 3) phrases.set(whole.trim(), BLACKED_OUT);
    for (const part of p.name.split(/\s+/)) if (part.length >= 3 && !hers.has(part.toLowerCase())) phrases.set(part, BLACKED_OUT);
    for (const part of (p.vehicle ?? '').split(/[\s,;]+/)) if (part.length >= 4 && /\d/.test(part)) phrases.set(part, BLACKED_OUT);
  }
  // Longest first, so a full name is blacked out as one piece before its parts are looked for.
  return [...phrases]
    .sort(([a], [b]) => b.length - a.length)
    .map(([p, mark]) => ({ pattern: new RegExp(`(?<![\\p{L}\\p{N}])${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'giu'), mark }));
}

/** `text` with every redaction's phrase replaced by its mark, longest phrases first. */
export function blackOut(text: string, redactions: readonly Redaction[]): string {
  return redactions.reduce((s, r) => s.replace(r.pattern, r.mark), text);
}

/** Every string in `value` with the patterns blacked out; photos (base64) and ids are left alone. */
function scrub(value: unknown, redactions: readonly Redaction[], key = ''): unknown {
  if (typeof value === 'string') {
    if (key === 'dataBase64' || key === 'id' || key.endsWith('Id')) return value;
    return blackOut(value, redactions);
  }
  if (Array.isArray(value)) return value.map((v) => scrub(v, redactions, key));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, redactions, k)]));
  return value;
}
