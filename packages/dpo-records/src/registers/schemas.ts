// The two registers' entries (GDPR Art. 30) plus what the CNIL templates add. Kept flat so one
// field descriptor list drives the form, the diff, and every export.
import { z } from "zod";

/** Art. 9 and 10 data and the French social security number, as the CNIL template lists them. */
export const SENSITIVE_FLAGS = [
  "racial_ethnic_origin",
  "political_opinions",
  "religious_beliefs",
  "trade_union",
  "genetic",
  "biometric",
  "health",
  "sex_life",
  "criminal_convictions",
  "nir",
] as const;

/** The CNIL register template's security-measures checklist. */
export const SECURITY_MEASURES = [
  "user_access_control",
  "traceability",
  "software_protection",
  "backups",
  "encryption",
  "processor_contracts",
  "physical_security",
  "staff_awareness",
] as const;

/** Checklist answers in the checklist's own order (and once each), so ticking order is never a change. */
function inOrder<T extends string>(all: readonly T[], picked: readonly T[]): T[] {
  return all.filter((x) => picked.includes(x));
}

const text = (max = 2000) => z.string().trim().max(max);
const list = z.array(z.string().trim().min(1).max(500)).max(100);

export const ZRetentionRule = z.object({ category: text(200).min(1), period: text(300).min(1) });
export const ZTransfer = z.object({ country: text(100).min(1), recipient: text(200), safeguard: text(300).min(1) });
export type TRetentionRule = z.infer<typeof ZRetentionRule>;
export type TTransfer = z.infer<typeof ZTransfer>;

const common = {
  name: text(200).min(1, "Give the activity a name."),
  software: list,
  purposeMain: text(),
  subPurposes: list,
  dataSubjects: list,
  dataCategories: list,
  sensitiveData: z.array(z.enum(SENSITIVE_FLAGS)).transform((v) => inOrder(SENSITIVE_FLAGS, v)),
  retention: z.array(ZRetentionRule).max(50),
  transfers: z.array(ZTransfer).max(50),
  securityMeasures: z.array(z.enum(SECURITY_MEASURES)).transform((v) => inOrder(SECURITY_MEASURES, v)),
  securityOther: text(),
};

/** Art. 30(1): an activity of the vendor's own processing (controller register, RT). */
export const ZControllerActivity = z.object({
  ...common,
  reference: text(40).min(1),
  legalBasis: text(),
  controller: text(),
  jointController: text(),
  representative: text(),
  dpo: text(),
  recipientsInternal: list,
  recipientsExternal: list,
  recipientsSubprocessors: list,
});
export type TControllerActivity = z.infer<typeof ZControllerActivity>;

/** Art. 30(2): what the vendor does for one client tenant (processor register, ST). */
export const ZProcessorRecord = z.object({
  ...common,
  processor: text(),
  processorDpo: text(),
  controller: text(),
  controllerDpo: text(),
  controllerRepresentative: text(),
  processingCategories: list,
  hosting: text(),
  subprocessors: list,
});
export type TProcessorRecord = z.infer<typeof ZProcessorRecord>;

export type FieldKind = "text" | "textarea" | "list" | "sensitive" | "security" | "retention" | "transfers";

export interface FieldDescriptor {
  key: string;
  kind: FieldKind;
}

const f = (key: string, kind: FieldKind): FieldDescriptor => ({ key, kind });

/** Order follows the CNIL "fiche de registre": description, actors, data, recipients, transfers, retention, security. */
export const CONTROLLER_FIELDS: FieldDescriptor[] = [
  f("name", "text"),
  f("reference", "text"),
  f("software", "list"),
  f("purposeMain", "textarea"),
  f("subPurposes", "list"),
  f("legalBasis", "textarea"),
  f("controller", "textarea"),
  f("jointController", "textarea"),
  f("representative", "textarea"),
  f("dpo", "textarea"),
  f("dataSubjects", "list"),
  f("dataCategories", "list"),
  f("sensitiveData", "sensitive"),
  f("recipientsInternal", "list"),
  f("recipientsExternal", "list"),
  f("recipientsSubprocessors", "list"),
  f("transfers", "transfers"),
  f("retention", "retention"),
  f("securityMeasures", "security"),
  f("securityOther", "textarea"),
];

export const PROCESSOR_FIELDS: FieldDescriptor[] = [
  f("name", "text"),
  f("software", "list"),
  f("processor", "textarea"),
  f("processorDpo", "textarea"),
  f("controller", "textarea"),
  f("controllerDpo", "textarea"),
  f("controllerRepresentative", "textarea"),
  f("purposeMain", "textarea"),
  f("subPurposes", "list"),
  f("processingCategories", "list"),
  f("dataSubjects", "list"),
  f("dataCategories", "list"),
  f("sensitiveData", "sensitive"),
  f("hosting", "textarea"),
  f("subprocessors", "list"),
  f("transfers", "transfers"),
  f("retention", "retention"),
  f("securityMeasures", "security"),
  f("securityOther", "textarea"),
];

/** A field's value as display text (one line per item), for diffs and exports. */
export function formatFieldValue(kind: FieldKind, value: unknown, optionLabel: (key: string) => string = (k) => k): string {
  if (value === undefined || value === null) return "";
  switch (kind) {
    case "text":
    case "textarea":
      return String(value);
    case "list":
      return (value as string[]).join("\n");
    case "sensitive":
    case "security":
      return (value as string[]).map(optionLabel).join("\n");
    case "retention":
      return (value as TRetentionRule[]).map((r) => `${r.category} | ${r.period}`).join("\n");
    case "transfers":
      return (value as TTransfer[]).map((t) => `${t.country} | ${t.recipient} | ${t.safeguard}`).join("\n");
  }
}

/** Parses "a | b | c" lines into rows (the form's encoding for retention and transfers). */
export function parseRows(textValue: string, columns: number): string[][] {
  return textValue
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const cells = line.split("|").map((c) => c.trim());
      // Extra separators stay in the last cell rather than being lost.
      return cells.length > columns ? [...cells.slice(0, columns - 1), cells.slice(columns - 1).join(" | ")] : cells;
    });
}
