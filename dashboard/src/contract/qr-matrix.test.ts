import { describe, expect, it } from 'vitest';
import { qrMatrix, qrTerminal } from './qr-matrix.js';

describe('QR codes of enrolment URIs', () => {
  const uri = 'otpauth://totp/AWARE:r.bakker?issuer=AWARE&secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30';

  it('are square with the three finder patterns in the corners', () => {
    const m = qrMatrix(uri);
    expect(m.every((row) => row.length === m.length)).toBe(true);
    const n = m.length;
    for (const [r, c] of [[0, 0], [0, n - 7], [n - 7, 0]] as const) {
      expect(m[r]![c]).toBe(true);
      expect(m[r + 3]![c + 3]).toBe(true);
      expect(m[r + 1]![c + 1]).toBe(false);
    }
  });

  it('print as half-block lines two modules per line', () => {
    const lines = qrTerminal(uri).split('\n');
    expect(lines.length).toBe(Math.ceil((qrMatrix(uri).length + 4) / 2));
  });
});
