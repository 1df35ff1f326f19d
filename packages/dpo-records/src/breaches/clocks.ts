// The two breach clocks, as pure functions of the record and an injected "now".
// - Controller → CNIL (Art. 33(1)): within 72 hours of becoming aware; a notification after that
//   needs the reasons for the delay; information may be given in phases (Art. 33(4)), so the first
//   notification stops the clock.
// - Processor → each affected client (Art. 33(2)): "without undue delay". The law sets no hours;
//   the vendor's own target (24 h by default, as its contracts promise) flags what is late.
import type { TBreach } from "./schemas";

export const CNIL_DEADLINE_MS = 72 * 3_600_000;
export const CLIENT_TARGET_MS = 24 * 3_600_000;
/** The last stretch before a deadline shown as urgent. */
const DUE_SOON_MS = 12 * 3_600_000;

export type CnilClockStatus =
  | "not_applicable" // only clients' data: the clients are the controllers, the vendor notifies them
  | "not_required" // decided not to notify, with the reason
  | "running"
  | "due_soon"
  | "overdue"
  | "notified"
  | "notified_late";

export interface CnilClock {
  status: CnilClockStatus;
  deadline: Date;
  /** Time left (negative once overdue); null once notified or not applicable. */
  remainingMs: number | null;
  firstNotifiedAt: Date | null;
  /** A late notification (or an overdue one) without the reasons for the delay. */
  missingLateReason: boolean;
}

export function computeCnilClock(breach: Pick<TBreach, "awareAt" | "controllerActivities" | "cnilDecision" | "cnilNotifications" | "lateReason">, now: Date): CnilClock {
  const aware = new Date(breach.awareAt);
  const deadline = new Date(aware.getTime() + CNIL_DEADLINE_MS);
  const first = breach.cnilNotifications.map((n) => new Date(n.at)).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
  if (breach.controllerActivities.length === 0) return { status: "not_applicable", deadline, remainingMs: null, firstNotifiedAt: first, missingLateReason: false };
  if (breach.cnilDecision === "not_notify") return { status: "not_required", deadline, remainingMs: null, firstNotifiedAt: first, missingLateReason: false };
  if (first) {
    const late = first.getTime() > deadline.getTime();
    return { status: late ? "notified_late" : "notified", deadline, remainingMs: null, firstNotifiedAt: first, missingLateReason: late && !breach.lateReason };
  }
  const remainingMs = deadline.getTime() - now.getTime();
  const status = remainingMs < 0 ? "overdue" : remainingMs <= DUE_SOON_MS ? "due_soon" : "running";
  return { status, deadline, remainingMs, firstNotifiedAt: null, missingLateReason: remainingMs < 0 && !breach.lateReason };
}

export type ClientClockStatus = "to_notify" | "late" | "notified" | "notified_late";

export interface ClientClock {
  tenantId: string;
  tenantName: string;
  status: ClientClockStatus;
  /** Time since awareness at notification (or until now when not notified yet). */
  elapsedMs: number;
  target: Date;
}

export function computeClientClocks(breach: Pick<TBreach, "awareAt" | "affectedTenants">, now: Date, targetMs = CLIENT_TARGET_MS): ClientClock[] {
  const aware = new Date(breach.awareAt).getTime();
  const target = new Date(aware + targetMs);
  return breach.affectedTenants.map((t) => {
    const at = t.notifiedAt ? new Date(t.notifiedAt).getTime() : null;
    const elapsedMs = (at ?? now.getTime()) - aware;
    const late = elapsedMs > targetMs;
    const status: ClientClockStatus = at === null ? (late ? "late" : "to_notify") : late ? "notified_late" : "notified";
    return { tenantId: t.tenantId, tenantName: t.tenantName, status, elapsedMs, target };
  });
}

/** Problems the register must not hide: what still needs doing, in words the DPO can act on. */
export function listBreachWarnings(breach: TBreach, now: Date): string[] {
  const warnings: string[] = [];
  const cnil = computeCnilClock(breach, now);
  if (cnil.missingLateReason) warnings.push("late_reason_missing");
  if (cnil.status === "overdue") warnings.push("cnil_overdue");
  if (breach.controllerActivities.length > 0 && breach.cnilDecision === "pending") warnings.push("cnil_decision_pending");
  if (computeClientClocks(breach, now).some((c) => c.status === "late")) warnings.push("clients_late");
  return warnings;
}
