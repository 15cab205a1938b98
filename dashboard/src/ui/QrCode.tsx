import { useMemo } from 'react';
import { qrMatrix } from '../contract/qr-matrix.js';

/** A QR code drawn as SVG rectangles (no HTML string, no image from elsewhere). */
export function QrCode({ text, label }: { text: string; label: string }) {
  const matrix = useMemo(() => qrMatrix(text), [text]);
  const n = matrix.length;
  const quiet = 4;
  return (
    <svg className="qr" viewBox={`0 0 ${n + 2 * quiet} ${n + 2 * quiet}`} role="img" aria-label={label} shapeRendering="crispEdges">
      <rect width="100%" height="100%" fill="#fff" />
      {matrix.flatMap((row, r) => row.map((dark, c) => (dark ? <rect key={`${r}.${c}`} x={c + quiet} y={r + quiet} width={1} height={1} fill="#000" /> : null)))}
    </svg>
  );
}
