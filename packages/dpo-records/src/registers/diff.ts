// Field-level differences between two versions of a document, stored with each version so the
// history shows what changed without recomputing it.
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** Stable JSON (sorted keys), so key order never counts as a change. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
}

export function diffDocuments(before: Record<string, unknown> | null, after: Record<string, unknown>): FieldChange[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  const changes: FieldChange[] = [];
  for (const field of [...keys].sort()) {
    const b = before?.[field];
    const a = after[field];
    if (canonical(b) !== canonical(a)) changes.push({ field, before: b ?? null, after: a ?? null });
  }
  return changes;
}
