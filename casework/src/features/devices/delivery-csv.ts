import { isDeviceId } from '@aware/protocol';

export interface DeliveryLine {
  readonly id: string;
  readonly region: string | null;
}

export type DeliveryProblem = { readonly line: number; readonly text: string; readonly problem: 'id' | 'twice' };

/**
 * A supplier's delivery list as typed or pasted: one pendant per line, `id` or `id,region` (comma,
 * semicolon or tab), a header line (starting with "id" or "serienummer") skipped, blank lines ignored;
 * ids compared in lower case. `fallbackRegion` for lines without one. Every bad line is named, by number.
 */
export function parseDelivery(text: string, fallbackRegion: string | null): { pendants: DeliveryLine[]; problems: DeliveryProblem[] } {
  const pendants: DeliveryLine[] = [];
  const problems: DeliveryProblem[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const cells = raw.split(/[,;\t]/).map((c) => c.trim());
    const id = (cells[0] ?? '').toLowerCase();
    if (id === '') return;
    if (index === 0 && /^(id|serienummer|serial)/i.test(id)) return;
    if (!isDeviceId(id)) return void problems.push({ line: index + 1, text: raw.trim(), problem: 'id' });
    if (seen.has(id)) return void problems.push({ line: index + 1, text: raw.trim(), problem: 'twice' });
    seen.add(id);
    pendants.push({ id, region: cells[1] ? cells[1].toLowerCase() : fallbackRegion });
  });
  return { pendants, problems };
}

/** The secrets of a registration as the CSV a supplier flashes from: `id,secret` per line. */
export function secretsCsv(pendants: readonly { id: string; secret: string }[]): string {
  return ['id,secret', ...pendants.map((p) => `${p.id},${p.secret}`), ''].join('\n');
}
