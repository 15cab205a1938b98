/** Latency histogram in whole milliseconds (0 .. 60 s; larger values land in the last bucket). */
export class Histogram {
  private readonly counts: Uint32Array;
  total = 0;

  constructor(maxMs = 60_000) {
    this.counts = new Uint32Array(maxMs + 1);
  }

  static fromJSON(counts: number[]): Histogram {
    const h = new Histogram(counts.length - 1);
    counts.forEach((c, i) => {
      h.counts[i] = c;
      h.total += c;
    });
    return h;
  }

  reset(): void {
    this.counts.fill(0);
    this.total = 0;
  }

  record(ms: number): void {
    const i = Math.min(this.counts.length - 1, Math.max(0, Math.round(ms)));
    this.counts[i]!++;
    this.total++;
  }

  /** Value at quantile q (0..1), in ms; NaN when empty. */
  percentile(q: number): number {
    if (this.total === 0) return Number.NaN;
    const rank = Math.ceil(q * this.total);
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return i;
    }
    return this.counts.length - 1;
  }

  toJSON(): number[] {
    let last = this.counts.length - 1;
    while (last > 0 && this.counts[last] === 0) last--;
    return Array.from(this.counts.subarray(0, last + 1));
  }
}
