import type { ApplicationContent } from '@aware/casework/contract';

/**
 * What must be filled in before an application goes to the commissie (drafts may be incomplete). The
 * control room needs an address and a phone number; the commissie needs the grounds, the risk and the
 * fear of renewed victimisation explained. Returns the missing parts (empty: complete).
 */
export function missingForSubmission(content: ApplicationContent, today: string): string[] {
  const missing: string[] = [];
  const blank = (s: string) => s.trim() === '';
  if (content.kind === 'extension') {
    if (blank(content.motivation)) missing.push('motivation');
    if (content.requestedEndsOn <= today) missing.push('requestedEndsOn');
  } else {
    const c = content.client;
    if (!c.dateOfBirth) missing.push('client.dateOfBirth');
    if (!c.residenceRegion) missing.push('client.residenceRegion');
    if (blank(c.address)) missing.push('client.address');
    if (blank(c.phone)) missing.push('client.phone');
    if (content.perpetrators.length === 0) missing.push('perpetrators');
    const g = content.grounds;
    if (!g.stalking && !g.threats && !g.earlierViolence && g.orders.length === 0) missing.push('grounds');
  }
  if (blank(content.riskSummary)) missing.push('riskSummary');
  if (blank(content.fear.explanation)) missing.push('fear.explanation');
  return missing;
}
