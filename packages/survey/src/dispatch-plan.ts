// Dispatch planning as pure functions of their inputs and an injected "now": when to send after
// a performance, whether a reminder fits before the survey closes, and who receives an invitation
// (exclusions, fatigue, sampling, festival grouping). The worker feeds them rows from PostgreSQL.
import { createHash } from "node:crypto";
import { DEFAULT_QUIET_HOURS, holdForQuietHours, type QuietHours } from "./paris-time";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface DispatchTiming {
  delayMinutes: number;
  reminderAfterDays?: number | null;
  closesAt?: Date | null;
  quietHours?: QuietHours;
}

export interface PlannedSend {
  /** When the invitation goes out; null when the survey closes first. */
  initialAt: Date | null;
  reminderAt: Date | null;
}

export function planSendTimes(performanceEndsAt: Date, timing: DispatchTiming): PlannedSend {
  const quiet = timing.quietHours ?? DEFAULT_QUIET_HOURS;
  const initial = holdForQuietHours(new Date(performanceEndsAt.getTime() + timing.delayMinutes * 60_000), quiet);
  const closes = timing.closesAt?.getTime() ?? Infinity;
  if (initial.getTime() >= closes) return { initialAt: null, reminderAt: null };
  let reminderAt: Date | null = null;
  if (timing.reminderAfterDays && timing.reminderAfterDays > 0) {
    const r = holdForQuietHours(new Date(initial.getTime() + timing.reminderAfterDays * DAY), quiet);
    if (r.getTime() < closes) reminderAt = r;
  }
  return { initialAt: initial, reminderAt };
}

export const EXCLUSION_REASONS = [
  "no_email",
  "no_survey_consent",
  "opted_out",
  "restricted",
  "hard_bounced",
  "staff",
  "complimentary",
  "already_invited",
  "fatigue",
  "sampled_out",
  "grouped_later",
] as const;
export type TExclusionReason = (typeof EXCLUSION_REASONS)[number];

export interface RecipientCandidate {
  spectatorId: string;
  hasEmail: boolean;
  surveyConsent: "granted" | "withdrawn" | null;
  /** Exclusion lists the spectator is on (opted_out, restricted, hard_bounced, staff, complimentary). */
  lists: readonly string[];
  /** Every ticket of this person for the performance is complimentary. */
  onlyComplimentary: boolean;
  /** Already has an invitation for this survey and performance (a re-run). */
  alreadyInvited: boolean;
  /** Latest invitation of any survey of the tenant, sent or scheduled. */
  lastInvitedAt: Date | null;
  /** Performances attended in the last 12 months (for sampling frequent attenders). */
  attendanceLastYear: number;
  /** Ends of this person's other performances covered by the same survey. */
  otherPerformanceEnds: readonly { performanceId: string; endsAt: Date }[];
}

export interface RecipientRules {
  fatigueDays: number;
  /** 1 in k frequent attenders is kept (1 = everybody). */
  sampleEvery: number;
  frequentThreshold: number;
  festivalWindowHours: number;
  excludeStaff: boolean;
  excludeComplimentary: boolean;
}

export const DEFAULT_RECIPIENT_RULES: RecipientRules = {
  fatigueDays: 30,
  sampleEvery: 1,
  frequentThreshold: 6,
  festivalWindowHours: 0,
  excludeStaff: true,
  excludeComplimentary: false,
};

/** Deterministic 1-in-k choice: the same person and performance always get the same answer. */
export function isSampledIn(spectatorId: string, performanceId: string, every: number): boolean {
  if (every <= 1) return true;
  const h = createHash("sha256").update(`${spectatorId}:${performanceId}`).digest();
  return h.readUInt32BE(0) % every === 0;
}

/**
 * A festival-goer with several performances close together gets one invitation, sent after the
 * last one: a performance followed by another of theirs within the window defers; the last one
 * lists the whole chain (each link at most `windowHours` apart).
 */
export function groupFestivalPerformances(
  current: { performanceId: string; endsAt: Date },
  others: readonly { performanceId: string; endsAt: Date }[],
  windowHours: number,
): { defer: boolean; performanceIds: string[] } {
  if (windowHours <= 0) return { defer: false, performanceIds: [current.performanceId] };
  const window = windowHours * HOUR;
  const all = [...others.filter((o) => o.performanceId !== current.performanceId), current].sort(
    (a, b) => a.endsAt.getTime() - b.endsAt.getTime() || a.performanceId.localeCompare(b.performanceId),
  );
  const at = all.findIndex((p) => p.performanceId === current.performanceId);
  const next = all[at + 1];
  if (next && next.endsAt.getTime() - current.endsAt.getTime() <= window) return { defer: true, performanceIds: [] };
  const chain = [current.performanceId];
  for (let i = at - 1; i >= 0; i -= 1) {
    if (all[i + 1]!.endsAt.getTime() - all[i]!.endsAt.getTime() > window) break;
    chain.unshift(all[i]!.performanceId);
  }
  return { defer: false, performanceIds: chain };
}

export interface RecipientDecision {
  spectatorId: string;
  performanceIds: string[];
}

export interface RecipientSelection {
  recipients: RecipientDecision[];
  excluded: Partial<Record<TExclusionReason, number>>;
}

export function selectRecipients(
  performance: { performanceId: string; endsAt: Date },
  candidates: readonly RecipientCandidate[],
  rules: RecipientRules,
  now: Date,
): RecipientSelection {
  const excluded: RecipientSelection["excluded"] = {};
  const recipients: RecipientDecision[] = [];
  const seen = new Set<string>();
  const exclude = (reason: TExclusionReason) => (excluded[reason] = (excluded[reason] ?? 0) + 1);
  for (const c of candidates) {
    if (seen.has(c.spectatorId)) continue; // de-duplicated per person
    seen.add(c.spectatorId);
    if (!c.hasEmail) exclude("no_email");
    else if (c.surveyConsent === "withdrawn") exclude("no_survey_consent");
    else if (c.lists.includes("opted_out")) exclude("opted_out");
    else if (c.lists.includes("restricted")) exclude("restricted");
    else if (c.lists.includes("hard_bounced")) exclude("hard_bounced");
    else if (rules.excludeStaff && c.lists.includes("staff")) exclude("staff");
    else if (rules.excludeComplimentary && (c.onlyComplimentary || c.lists.includes("complimentary"))) exclude("complimentary");
    else if (c.alreadyInvited) exclude("already_invited");
    else if (c.lastInvitedAt && now.getTime() - c.lastInvitedAt.getTime() < rules.fatigueDays * DAY) exclude("fatigue");
    else if (c.attendanceLastYear >= rules.frequentThreshold && !isSampledIn(c.spectatorId, performance.performanceId, rules.sampleEvery))
      exclude("sampled_out");
    else {
      const group = groupFestivalPerformances(performance, c.otherPerformanceEnds, rules.festivalWindowHours);
      if (group.defer) exclude("grouped_later");
      else recipients.push({ spectatorId: c.spectatorId, performanceIds: group.performanceIds });
    }
  }
  return { recipients, excluded };
}
