// The 8-day objection window: a planned sub-processor change is announced in writing to every
// client tenant, who has 8 days from the notice to object. Until the window has closed without
// objection, the new sub-processor cannot be enabled for that tenant. Pure: "now" is injected.
export const OBJECTION_WINDOW_MS = 8 * 24 * 3_600_000;

export interface NoticeState {
  sentAt: Date | null;
  objectedAt: Date | null;
}

export interface ChangeState {
  windowEndsAt: Date;
  /** This tenant's notice for the change; null when none was created for it. */
  notice: NoticeState | null;
}

export type EnablementRefusal = "not_notified" | "window_open" | "objected";
export type EnablementDecision = { allowed: true } | { allowed: false; reason: EnablementRefusal; until?: Date };

/** The window closes 8 days after the notice was sent, and never before the announced end. */
export function windowEndFor(change: ChangeState): Date | null {
  if (!change.notice?.sentAt) return null;
  return new Date(Math.max(change.windowEndsAt.getTime(), change.notice.sentAt.getTime() + OBJECTION_WINDOW_MS));
}

export function decideEnablement(changes: readonly ChangeState[], now: Date): EnablementDecision {
  for (const change of changes) {
    if (change.notice?.objectedAt) return { allowed: false, reason: "objected" };
    const end = windowEndFor(change);
    if (!end) return { allowed: false, reason: "not_notified" };
    if (now.getTime() < end.getTime()) return { allowed: false, reason: "window_open", until: end };
  }
  return { allowed: true };
}

/** A tenant may object while its window is open (notice sent, end not reached). */
export function canObject(change: ChangeState, now: Date): boolean {
  const end = windowEndFor(change);
  return !!end && now.getTime() < end.getTime() && !change.notice?.objectedAt;
}
