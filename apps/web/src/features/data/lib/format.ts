// Small formatting helpers for the import screens (pure, unit-tested).

/** "2 min 05 s", "1 h 03 min", "12 s": a remaining time as people read it. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  if (h > 0) return `${h} h ${pad(m)} min`;
  if (m > 0) return `${m} min ${pad(rest)} s`;
  return `${rest} s`;
}
