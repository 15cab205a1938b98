import { describe, expect, it } from 'vitest';
import { codeInWords, reasonInWords } from './describe-entry.js';
import { type MessageKey, translate } from '@aware/dashboard/kit/text';

const t = (key: MessageKey, params?: Record<string, string | number>) => translate('nl', key, params);

describe('the access log in words', () => {
  it('gives the reasons the services write in Dutch, without the ids', () => {
    expect(reasonInWords(t, 'active alarm 5d0c1f6e-3c1a-4f3e-9d55-0d7f1b2a9e10')).toBe('Open alarm op de meldkamer');
    expect(reasonInWords(t, 'case work: submit application 5d0c1f6e-3c1a-4f3e-9d55-0d7f1b2a9e10')).toBe('Casemanagement: aanvraag ingediend');
    expect(reasonInWords(t, 'commissie review of application 5d0c1f6e')).toBe('Beoordeling door de indicatiecommissie');
    expect(reasonInWords(t, 'pendant aw-1 returned: verhuisd naar het buitenland')).toBe('Hanger aw-1 ingenomen: verhuisd naar het buitenland');
    expect(reasonInWords(t, 'privacy request intake: finding the client')).toBe('Privacyverzoek: de cliënt opzoeken');
  });

  it('shows a reason a person typed, and an unknown code, as written', () => {
    expect(reasonInWords(t, 'buiten eigen zaak: overleg met collega')).toBe('buiten eigen zaak: overleg met collega');
    expect(reasonInWords(t, 'case work: application 5d0c1f6e; overleg met de politie')).toBe('Casemanagement: aanvraag ingezien; overleg met de politie');
    expect(codeInWords(t, 'audit.act', 'read')).toBe('Ingezien');
    expect(codeInWords(t, 'audit.act', 'teleport')).toBe('teleport');
  });
});
