// mapping + raw row → typed row or reasons. Build one validator per file (schemas are built
// once), then call it for every row.
import { DEFAULT_ZONE } from "../fields/dates";
import { fieldLabel, type FileKind } from "../mapping/targets";
import { createMapper, type TColumnMapping } from "../mapping/column-mapping";
import { formatIssue, type Language, type RowIssue } from "../messages";
import type { ResolvedOptions, RowResult } from "./common";
import { performanceValidator, type PerformanceRow } from "./performance-row";
import { spectatorValidator, type SpectatorRow } from "./spectator-row";
import { ticketValidator, type TicketRow } from "./ticket-row";

export interface RowValidatorOptions {
  /** Clock for rules that depend on today (birth year not in the future). Defaults to now. */
  now?: Date;
}

export interface RowsByKind {
  tickets: TicketRow;
  performances: PerformanceRow;
  spectators: SpectatorRow;
}

export type RowValidator<K extends FileKind> = (raw: Readonly<Record<string, string>>) => RowResult<RowsByKind[K]>;

export function createRowValidator<M extends TColumnMapping>(mapping: M, options: RowValidatorOptions = {}): RowValidator<M["kind"]> {
  const o: ResolvedOptions = {
    zone: mapping.defaults?.zone ?? DEFAULT_ZONE,
    // French venues: a file without a country column is French unless the preset says otherwise.
    defaultCountry: mapping.defaults?.country ?? "FR",
    defaultCurrency: mapping.defaults?.currency ?? "EUR",
    now: options.now ?? new Date(),
  };
  const validate =
    mapping.kind === "tickets" ? ticketValidator(o) : mapping.kind === "performances" ? performanceValidator(o) : spectatorValidator(o);
  const map = createMapper(mapping);
  return ((raw) => validate(map(raw))) as RowValidator<M["kind"]>;
}

/** Reasons as sentences: "Date de commande illisible : « 31/02/2025 »". */
export function describeIssues(kind: FileKind, issues: readonly RowIssue[], language: Language): string[] {
  return issues.map((issue) => formatIssue(issue, language, fieldLabel(kind, issue.field, language)));
}
