/**
 * A binary min-heap of deadlines (ms). The watchdog keeps one node per watched pendant and
 * one timer for the earliest deadline, so detection never waits on a periodic scan.
 */
export interface HeapNode<T> {
  deadline: number;
  value: T;
}

export class DeadlineHeap<T> {
  private readonly nodes: HeapNode<T>[] = [];

  get size(): number {
    return this.nodes.length;
  }

  peek(): HeapNode<T> | undefined {
    return this.nodes[0];
  }

  push(deadline: number, value: T): void {
    const nodes = this.nodes;
    nodes.push({ deadline, value });
    let i = nodes.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((nodes[parent] as HeapNode<T>).deadline <= deadline) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  pop(): HeapNode<T> | undefined {
    const nodes = this.nodes;
    const top = nodes[0];
    const last = nodes.pop();
    if (top === undefined || last === undefined || nodes.length === 0) return top;
    nodes[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let min = i;
      if (l < nodes.length && (nodes[l] as HeapNode<T>).deadline < (nodes[min] as HeapNode<T>).deadline) min = l;
      if (r < nodes.length && (nodes[r] as HeapNode<T>).deadline < (nodes[min] as HeapNode<T>).deadline) min = r;
      if (min === i) break;
      this.swap(i, min);
      i = min;
    }
    return top;
  }

  clear(): void {
    this.nodes.length = 0;
  }

  private swap(a: number, b: number): void {
    const nodes = this.nodes;
    const t = nodes[a] as HeapNode<T>;
    nodes[a] = nodes[b] as HeapNode<T>;
    nodes[b] = t;
  }
}
