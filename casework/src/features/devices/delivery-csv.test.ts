import { describe, expect, it } from 'vitest';
import { parseDelivery, secretsCsv } from './delivery-csv.js';

describe("a supplier's delivery list", () => {
  it('reads one id per line or id,region (comma, semicolon, tab), skipping a header and blank lines', () => {
    const { pendants, problems } = parseDelivery('serienummer;regio\nAWARE-1001;utrecht\n\naware-1002\naware-1003\ttwente\n', 'gooi-en-vechtstreek');
    expect(problems).toEqual([]);
    expect(pendants).toEqual([
      { id: 'aware-1001', region: 'utrecht' },
      { id: 'aware-1002', region: 'gooi-en-vechtstreek' },
      { id: 'aware-1003', region: 'twente' },
    ]);
  });

  it('names every bad line by its number: an id that is not one, an id listed twice', () => {
    const { pendants, problems } = parseDelivery('aware-1\nAw@re 2\naware-1\nx', null);
    expect(pendants).toEqual([{ id: 'aware-1', region: null }]);
    expect(problems).toEqual([
      { line: 2, text: 'Aw@re 2', problem: 'id' },
      { line: 3, text: 'aware-1', problem: 'twice' },
      { line: 4, text: 'x', problem: 'id' },
    ]);
  });

  it('writes the secrets as id,secret lines under a header', () => {
    expect(secretsCsv([{ id: 'aware-1', secret: 's1' }])).toBe('id,secret\naware-1,s1\n');
  });
});
