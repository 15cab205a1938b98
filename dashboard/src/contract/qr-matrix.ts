import qrcode from 'qrcode-generator';

/**
 * The modules of a QR code for `text` (dark = true), row by row: the SPA draws them as SVG rectangles
 * and the seed command as terminal blocks, so an enrolment URI can be scanned into an authenticator app.
 */
export function qrMatrix(text: string): boolean[][] {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const n = qr.getModuleCount();
  return Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => qr.isDark(r, c)));
}

/** Two rows per text line with half blocks, a quiet zone of two modules; for a terminal with a dark background. */
export function qrTerminal(text: string): string {
  const m = qrMatrix(text);
  const quiet = 2;
  const size = m.length + 2 * quiet;
  const dark = (r: number, c: number) => m[r - quiet]?.[c - quiet] === true;
  const lines: string[] = [];
  for (let r = 0; r < size; r += 2) {
    let line = '';
    for (let c = 0; c < size; c++) {
      const top = !dark(r, c);
      const bottom = !dark(r + 1, c);
      line += top && bottom ? '█' : top ? '▀' : bottom ? '▄' : ' ';
    }
    lines.push(line);
  }
  return lines.join('\n');
}
