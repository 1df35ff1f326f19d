// The data-subject request clock (Art. 12(3) GDPR): one month from receipt, counted in calendar
// months (EU Regulation 1182/71: the same date in the next month, or that month's last day),
// to the end of that Europe/Paris day. The clock does not run while the person's identity is
// unverified; it then starts from the verification. It may be extended by up to two months,
// with reasons, decided and notified within the first month.
import { addMonthsToDay, endOfParisDay, formatDay, parisDay } from "../calendar";

export interface DeadlineInput {
  receivedAt: Date;
  /** Null while the identity is unverified (the clock is paused). */
  verifiedAt: Date | null;
  extensionMonths: number;
}

export type Deadline = { paused: true } | { paused: false; dueDay: string; dueAt: Date; originalDueAt: Date };

export const MAX_EXTENSION_MONTHS = 2;

export function computeDeadline(input: DeadlineInput): Deadline {
  if (!input.verifiedAt) return { paused: true };
  const start = parisDay(input.verifiedAt > input.receivedAt ? input.verifiedAt : input.receivedAt);
  const due = addMonthsToDay(start, 1 + input.extensionMonths);
  return {
    paused: false,
    dueDay: formatDay(due),
    dueAt: endOfParisDay(due),
    originalDueAt: endOfParisDay(addMonthsToDay(start, 1)),
  };
}

export class ExtensionError extends Error {
  readonly status = 400;
}

/** Checks an extension request; returns the new total extension in months. */
export function extendDeadline(input: DeadlineInput, months: number, reason: string, now: Date): number {
  if (!Number.isInteger(months) || months < 1) throw new ExtensionError("an extension is one or two whole months");
  const total = input.extensionMonths + months;
  if (total > MAX_EXTENSION_MONTHS) {
    throw new ExtensionError(`the deadline can be extended by ${MAX_EXTENSION_MONTHS} months at most in total (already ${input.extensionMonths})`);
  }
  if (reason.trim().length < 10) throw new ExtensionError("an extension needs its reasons, told to the person (at least a sentence)");
  const deadline = computeDeadline(input);
  if (deadline.paused) throw new ExtensionError("the clock has not started: verify the person's identity first");
  if (now > deadline.originalDueAt) {
    throw new ExtensionError("an extension must be decided and notified within the first month, which has passed");
  }
  return total;
}
