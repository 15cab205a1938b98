import type { ExtensionContent, InitialContent } from '@aware/casework/contract';

/** An empty application form. */
export function blankInitial(): InitialContent {
  return {
    kind: 'initial',
    client: { name: '', dateOfBirth: null, address: '', phone: '', preferredContact: '', residenceRegion: null },
    perpetrators: [{ name: '', relation: '', description: '', vehicle: '' }],
    grounds: { stalking: false, threats: false, earlierViolence: false, orders: [], description: '' },
    fear: { renewedVictimisation: false, samePerpetrator: false, explanation: '' },
    riskSummary: '',
    policeReferences: [],
    minorException: null,
    previousApplicationId: null,
  };
}

export function blankExtension(assignmentId: string, requestedEndsOn: string): ExtensionContent {
  return { kind: 'extension', assignmentId, requestedEndsOn, motivation: '', fear: { renewedVictimisation: true, samePerpetrator: true, explanation: '' }, riskSummary: '' };
}
