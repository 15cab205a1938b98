import type { DossierDocument } from '@aware/casework/contract';

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
  handedOverAt: 'Uitgereikt', applicationId: 'Aanvraag', clientName: 'Cliënt', assignmentId: 'Uitreiking', pressedAt: 'Ingedrukt',
  acknowledgedAt: 'Aangenomen door de meldkamer', dispatchedAt: 'Eenheid gestuurd', resolvedAt: 'Afgehandeld', resolutionNote: 'Toelichting afhandeling',
  dispatchUnit: 'Eenheid', state: 'Stand', trailPoints: 'Aantal locaties', contentVersion: 'Versie', version: 'Versie', field: 'Gegeven',
  oldValue: 'Oude waarde', newValue: 'Nieuwe waarde', correctedAt: 'Gecorrigeerd op', correctedBy: 'Door', isTest: 'Test',
  adult: 'Meerderjarig', ageYears: 'Leeftijd', checkedOn: 'Gecontroleerd op', earlierViolence: 'Eerder geweld', eligible: 'Voldoet',
  from: 'Vanaf', until: 'Tot en met', livesInRegion: 'Woont in de regio', orders: 'Maatregelen', reference: 'Kenmerk', renewedFear: 'Angst opnieuw slachtoffer',
  stalking: 'Stalking', threats: 'Bedreiging', perpetrator: 'Pleger', relation: 'Relatie', vehicle: 'Voertuig', requesterCapacity: 'Aanvrager is',
  consentReference: 'Toestemming', details: 'Toelichting', deletionScope: 'Te verwijderen', extendedDueAt: 'Verlengd tot', extensionReason: 'Reden verlenging',
  outcomeReason: 'Uitkomst', overdue: 'Te laat', minorException: 'Uitzondering minderjarige', previousApplicationId: 'Vorige aanvraag',
  residenceRegion: 'Woonregio', samePerpetrator: 'Dezelfde pleger', restrictionReason: 'Reden beperking', received: 'Ontvangen', battery: 'Batterij',
};
/** Codes the dossier stores, in words (a client reads this copy). */
const VALUES: Record<string, string> = {
  draft: 'concept', submitted: 'ingediend', under_review: 'in behandeling bij de commissie', more_info_needed: 'meer informatie nodig',
  approved: 'toegekend', rejected: 'afgewezen', withdrawn: 'ingetrokken', initial: 'eerste aanvraag', extension: 'verlenging',
  approve: 'toekennen', reject: 'afwijzen', more_info: 'meer informatie', unanimous: 'unaniem', majority: 'meerderheid',
  applicant: 'aanvrager', active: 'actief', closed: 'afgesloten', police: 'Politie', veilig_thuis: 'Veilig Thuis', moviera: 'Moviera',
  police_on_scene: 'politie ter plaatse', false_alarm: 'loos alarm', test: 'test', technical: 'technisch probleem', other: 'anders',
  new: 'nieuw', acknowledged: 'aangenomen', dispatched: 'eenheid onderweg', resolved: 'afgehandeld',
  three_months: 'na 3 maanden', twelve_months: 'na 12 maanden', period_ended: 'periode afgelopen', lost: 'verloren', replaced: 'vervangen',
  deceased: 'overleden', inzage: 'inzage', correction: 'correctie', restriction: 'beperking', deletion: 'verwijdering', open: 'open',
  in_progress: 'in behandeling', completed: 'afgehandeld', refused: 'geweigerd', client: 'cliënt', parent_with_authority: 'ouder met gezag',
  guardian: 'voogd', legal_representative: 'wettelijk vertegenwoordiger', met: 'ja', not_met: 'nee', unknown: 'onbekend',
  met_by_exception: 'ja, met uitzondering', read: 'ingezien', list: 'in een lijst gezien', update: 'gewijzigd', export: 'kopie gemaakt',
  issue: 'alarm uitgereikt', vote: 'gestemd', alarm: 'alarm', application: 'aanvraag', assignment: 'uitgereikt alarm', dossier: 'dossier',
  follow_up: 'monitoringscontact', perpetrator: 'pleger', restrict: 'beperkt', lift_restriction: 'beperking opgeheven',
  police_operator: 'meldkamer politie', vt_operator: 'meldkamer Veilig Thuis', vt_caseworker: 'casemanager Veilig Thuis',
  commissie_member: 'lid indicatiecommissie', device_admin: 'beheerder alarmen', privacy_officer: 'privacyfunctionaris', admin: 'beheerder',
};
/** Internal ids that mean nothing to the client (the JSON copy keeps them); her own record's id too. */
const HIDDEN = new Set(['subjectId', 'clientId', 'userId', 'assignmentId', 'applicationId', 'previousApplicationId', 'deviceAlarmId', 'ip', 'contentVersion']);
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const amsterdam = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** A stored value as a client reads it: Amsterdam times, Dutch dates, codes in words. */
function inWords(value: string): string {
  if (ISO_TIME.test(value)) return amsterdam.format(new Date(value));
  if (ISO_DATE.test(value)) return value.split('-').reverse().join('-');
  return VALUES[value] ?? value;
}

const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A field's name in Dutch; one without a label is written out ("someField" -> "some field"), never shown as code. */
const label = (key: string) => escapeHtml(LABELS[key] ?? key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase());

/** Fields that hold a region's code: the copy names the region ("Utrecht", not `utrecht`). */
const REGION_FIELDS = new Set(['region', 'residenceRegion']);

function render(value: unknown, key: string, regions: ReadonlyMap<string, string>): string {
  if (value === null || value === undefined || value === '') return '<span class="none">—</span>';
  if (typeof value === 'boolean') return `<span class="v">${value ? 'ja' : 'nee'}</span>`;
  if (typeof value === 'string' && REGION_FIELDS.has(key)) return `<span class="v">${escapeHtml(regions.get(value) ?? value)}</span>`;
  if (typeof value !== 'object') return `<span class="v">${escapeHtml(typeof value === 'string' ? inWords(value) : String(value))}</span>`;
  if (Array.isArray(value)) {
    if (value.length === 0) return '<span class="none">geen</span>';
    return `<ol>${value.map((v) => `<li>${render(v, key, regions)}</li>`).join('')}</ol>`;
  }
  const o = value as Record<string, unknown>;
  if (typeof o['dataBase64'] === 'string' && typeof o['mime'] === 'string') {
    return IMAGE_TYPES.has(o['mime']) ? `<img alt="foto" src="data:${o['mime']};base64,${o['dataBase64'].replace(/[^A-Za-z0-9+/=]/g, '')}">` : '';
  }
  // a person ({ id, displayName }, staff named by function): just the name
  if (typeof o['displayName'] === 'string' && Object.keys(o).every((k) => k === 'id' || k === 'displayName')) return `<span class="v">${escapeHtml(o['displayName'])}</span>`;
  return `<dl>${Object.entries(o)
    .filter(([k]) => !HIDDEN.has(k) && !(key === 'client' && k === 'id'))
    .map(([k, v]) => `<dt>${label(k)}</dt><dd>${render(v, k, regions)}</dd>`)
    .join('')}</dl>`;
}

/** The printable copy; `regions`: region code to name (the `regions` table). */
export function inzageHtml(doc: DossierDocument, requestId: string, nonce: string, regions: ReadonlyMap<string, string>): string {
  const { telemetry, notice, generatedAt, ...rest } = doc;
  const sections = Object.entries(rest)
    .map(([k, v]) => `<section><h2>${label(k)}</h2>${render(v, k, regions)}</section>`)
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
<p>Verzoek ${escapeHtml(requestId)} — gemaakt op ${escapeHtml(inWords(generatedAt))} (Nederlandse tijd)</p>
<p class="notice">${escapeHtml(notice ?? '')}</p>
${sections}
${heartbeats}
</body></html>`;
}
