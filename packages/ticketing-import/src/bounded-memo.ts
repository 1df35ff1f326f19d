// Answers remembered by key, at most `max` of them: when full, the memo starts over. Look-ups
// repeat a lot in an import file (the same buyer, town or performance), and memory must stay flat
// whatever the file size.
export class BoundedMemo<V> {
  private map = new Map<string, V>();
  constructor(private readonly max: number) {}

  get(key: string, compute: () => V): V {
    const hit = this.map.get(key);
    if (hit !== undefined || this.map.has(key)) return hit as V;
    const value = compute();
    if (this.map.size >= this.max) this.map.clear();
    this.map.set(key, value);
    return value;
  }
}
