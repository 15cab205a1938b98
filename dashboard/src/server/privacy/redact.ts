import type { DossierDocument, DossierPerpetrator, Withheld } from '@aware/protocol';

/**
 * The inzage copy shows the client the data about herself and nothing about other people (Veilig Thuis:
 * "je ziet alleen de gegevens over jezelf, tenzij de ander toestemming geeft"; AVG art. 15(4)). What we
 * chose for the perpetrator, whose data is in her dossier because she or the police gave it:
 * - the perpetrator records (name, relation, description, vehicle, photo) are withheld, counted, and the
 *   reason given; also where the application's content and its amendments carry them, and the values of
 *   corrections made to them. Telling her *what* the organisation recorded about him could put her at
 *   risk too (he may ask her, or take the copy), and he has not consented.
 * - free text written about her (risk summary, grounds, motivations, notes) is hers, but may name him:
 *   every occurrence of his name (and its parts), his vehicle (and its plate-like parts) and his
 *   description is blacked out. The privacy officer still reads the printable copy before handing it over.
 * - professionals (case workers, commissie members, operators) are named: they act in their role and
 *   cannot stay anonymous towards the client.
 * The rare case that he consents is handled outside this copy.
 */
export const BLACKED_OUT = '[gegevens over een ander weggelaten]';
export const THIRD_PARTY_REASON = 'gegevens over een ander persoon (pleger): alleen met diens toestemming in te zien (AVG art. 15 lid 4)';
export const INZAGE_NOTICE =
  'Dit is een kopie van alle gegevens die het AWARE-platform over u bewaart. Gegevens over andere personen (zoals de pleger) staan er niet in; waar ze in een tekst stonden, zijn ze weggelaten.';

const withheld = (): Withheld => ({ withheld: true, reason: THIRD_PARTY_REASON });

export function redactForClient(doc: DossierDocument): DossierDocument {
  const perpetrators = Array.isArray(doc.perpetrators) ? doc.perpetrators : [];
  const hideContent = (content: unknown): unknown =>
    content && typeof content === 'object' && 'perpetrators' in content ? { ...content, perpetrators: withheld() } : content;
  const out: DossierDocument = {
    ...doc,
    perpetrators: { ...withheld(), count: perpetrators.length },
    applications: doc.applications.map((a) => ({
      ...a,
      content: hideContent(a.content) as DossierDocument['applications'][number]['content'],
      amendments: a.amendments.map((m) => ({ ...m, previousContent: hideContent(m.previousContent), content: hideContent(m.content) })),
    })),
    corrections: doc.corrections.map((k) => (k.subjectType === 'perpetrator' ? { ...k, oldValue: withheld(), newValue: withheld() } : k)),
    notice: INZAGE_NOTICE,
  };
  return scrub(out, thirdPartyPatterns(perpetrators, doc.client.name)) as DossierDocument;
}

/**
 * Patterns for what identifies the perpetrators in free text. Parts of his name that are also parts of
 * hers (a relative shares her surname) are not used on their own: her own name stays readable.
 */
export function thirdPartyPatterns(perpetrators: readonly DossierPerpetrator[], clientName: string): RegExp[] {
  const hers = new Set(clientName.toLowerCase().split(/\s+/));
  const phrases = new Set<string>();
  for (const p of perpetrators) {
    for (const whole of [p.name, p.vehicle, p.description]) if (whole && whole.trim().length >= 3) phrases.add(whole.trim());
    for (const part of p.name.split(/\s+/)) if (part.length >= 3 && !hers.has(part.toLowerCase())) phrases.add(part);
    for (const part of (p.vehicle ?? '').split(/[\s,;]+/)) if (part.length >= 4 && /\d/.test(part)) phrases.add(part);
  }
  // Longest first, so a full name is blacked out as one piece before its parts are looked for.
  return [...phrases]
    .sort((a, b) => b.length - a.length)
    .map((p) => new RegExp(`(?<![\\p{L}\\p{N}])${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'giu'));
}

/** Every string in `value` with the patterns blacked out; photos (base64) and ids are left alone. */
function scrub(value: unknown, patterns: readonly RegExp[], key = ''): unknown {
  if (typeof value === 'string') {
    if (key === 'dataBase64' || key === 'id' || key.endsWith('Id')) return value;
    return patterns.reduce((s, re) => s.replace(re, BLACKED_OUT), value);
  }
  if (Array.isArray(value)) return value.map((v) => scrub(v, patterns, key));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, patterns, k)]));
  return value;
}
