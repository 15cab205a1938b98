import type { DossierDocument } from '@aware/protocol';

/**
 * The inzage copy as a printable page (Dutch). Every value is escaped text: a note with `<script>` in it
 * prints as those characters. The page has no script; its one style block is allowed by a nonce in the
 * Content-Security-Policy the route sets. Photos are data: URLs of the three accepted image types only.
 */
const LABELS: Record<string, string> = {
  client: 'Cliënt', perpetrators: 'Pleger(s)', applications: 'Aanvragen', assignments: 'Uitgereikte alarmen',
  followUps: 'Monitoring (3 en 12 maanden)', alarms: 'Alarmeringen', corrections: 'Correcties', privacyRequests: 'Privacyverzoeken',
  accessLog: 'Wie heeft uw dossier ingezien', telemetry: 'Signalen van het alarm', name: 'Naam', dateOfBirth: 'Geboortedatum',
  address: 'Adres', phone: 'Telefoon', preferredContact: 'Voorkeur contact', riskNotes: 'Risico', status: 'Status', region: 'Regio',
  content: 'Inhoud', votes: 'Stemmen', decision: 'Besluit', amendments: 'Wijzigingen', motivation: 'Motivering', reason: 'Reden',
  createdAt: 'Aangemaakt', submittedAt: 'Ingediend', decidedAt: 'Besloten', startsAt: 'Begin', endsAt: 'Einde', returnedAt: 'Ingeleverd',
  trail: 'Locaties tijdens het alarm', events: 'Verloop', at: 'Tijdstip', username: 'Gebruiker', role: 'Rol', action: 'Handeling',
  id: 'Kenmerk', legallyIncapable: 'Handelingsonbekwaam', closedAt: 'Afgesloten', retainUntil: 'Bewaren tot', restricted: 'Beperking',
  updatedAt: 'Gewijzigd', photo: 'Foto', withheld: 'Weggelaten', count: 'Aantal', kind: 'Soort', vote: 'Stem', voter: 'Door',
  castAt: 'Tijdstip', organisation: 'Organisatie', displayName: 'Naam', eligibility: 'Voorwaarden', outcome: 'Uitkomst',
  members: 'Leden', rule: 'Regel', periodStart: 'Periode vanaf', periodEnd: 'Periode tot', deviceId: 'Alarm (hanger)',
  endReason: 'Reden einde', endNote: 'Toelichting einde', extensions: 'Verlengingen', dueOn: 'Uiterlijk', notes: 'Verslag',
  grounds: 'Gronden', fear: 'Angst opnieuw slachtoffer te worden', riskSummary: 'Risico', policeReferences: 'Politieregistraties',
  description: 'Omschrijving', explanation: 'Toelichting', createdBy: 'Door', amendedBy: 'Door', amendedAt: 'Gewijzigd op',
  previousContent: 'Inhoud ervoor', requesterName: 'Aanvrager', receivedAt: 'Ontvangen', dueAt: 'Antwoord uiterlijk',
  completedAt: 'Afgerond', subjectType: 'Onderwerp', subjectId: 'Kenmerk onderwerp', clientId: 'Cliënt', ip: 'IP-adres',
};
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const label = (key: string) => escapeHtml(LABELS[key] ?? key);

function render(value: unknown, key: string): string {
  if (value === null || value === undefined || value === '') return '<span class="none">—</span>';
  if (typeof value === 'boolean') return `<span class="v">${value ? 'ja' : 'nee'}</span>`;
  if (typeof value !== 'object') return `<span class="v">${escapeHtml(String(value))}</span>`;
  if (Array.isArray(value)) {
    if (value.length === 0) return '<span class="none">geen</span>';
    return `<ol>${value.map((v) => `<li>${render(v, key)}</li>`).join('')}</ol>`;
  }
  const o = value as Record<string, unknown>;
  if (typeof o['dataBase64'] === 'string' && typeof o['mime'] === 'string') {
    return IMAGE_TYPES.has(o['mime']) ? `<img alt="foto" src="data:${o['mime']};base64,${o['dataBase64'].replace(/[^A-Za-z0-9+/=]/g, '')}">` : '';
  }
  return `<dl>${Object.entries(o)
    .map(([k, v]) => `<dt>${label(k)}</dt><dd>${render(v, k)}</dd>`)
    .join('')}</dl>`;
}

export function inzageHtml(doc: DossierDocument, requestId: string, nonce: string): string {
  const { telemetry, notice, generatedAt, ...rest } = doc;
  const sections = Object.entries(rest)
    .map(([k, v]) => `<section><h2>${label(k)}</h2>${render(v, k)}</section>`)
    .join('\n');
  const heartbeats = telemetry ? `<section><h2>${label('telemetry')}</h2><p>${telemetry.length} signalen; volledig in de JSON-kopie.</p></section>` : '';
  return `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Inzage dossier — verzoek ${escapeHtml(requestId)}</title>
<style nonce="${nonce}">
body{font:11pt/1.4 system-ui,sans-serif;margin:2em;color:#111}h1{font-size:16pt}h2{font-size:13pt;border-bottom:1px solid #999;margin-top:1.5em}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.1em 1em;margin:.2em 0}dt{font-weight:600}dd{margin:0;white-space:pre-wrap}
ol{padding-left:1.2em}li{margin:.4em 0;break-inside:avoid}.none{color:#777}img{max-width:6cm}.notice{border:1px solid #999;padding:.5em}
@media print{body{margin:0}}
</style></head><body>
<h1>Inzage in uw AWARE-dossier</h1>
<p>Verzoek ${escapeHtml(requestId)} — gemaakt op ${escapeHtml(generatedAt)}</p>
<p class="notice">${escapeHtml(notice ?? '')}</p>
${sections}
${heartbeats}
</body></html>`;
}
