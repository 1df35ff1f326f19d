// <input type="datetime-local"> speaks wall-clock time without a zone; the DPO works in Paris time.
const ZONE = "Europe/Paris";

function offsetMinutes(at: Date): number {
  const name = new Intl.DateTimeFormat("en-US", { timeZone: ZONE, timeZoneName: "longOffset" }).formatToParts(at).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/** "2026-11-20T10:00" (Paris) → ISO instant; null when not a valid value. */
export function parisLocalToIso(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return null;
  const asUtc = new Date(`${local}:00Z`);
  if (Number.isNaN(asUtc.getTime())) return null;
  // Two passes settle the offset around a daylight-saving change.
  let at = new Date(asUtc.getTime() - offsetMinutes(asUtc) * 60_000);
  at = new Date(asUtc.getTime() - offsetMinutes(at) * 60_000);
  return at.toISOString();
}

export function isoToParisLocal(iso: string): string {
  if (!iso) return "";
  const at = new Date(iso);
  return new Date(at.getTime() + offsetMinutes(at) * 60_000).toISOString().slice(0, 16);
}
