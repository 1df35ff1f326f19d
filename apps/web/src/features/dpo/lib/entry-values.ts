// A register entry's content as the form's initial values (strings, checkbox lists).
import { formatFieldValue, type FieldDescriptor } from "@rappel/dpo-records";
import type { EntryFormValues } from "../types";

export function toFormValues(fields: readonly FieldDescriptor[], content: Record<string, unknown> | null): EntryFormValues {
  const out: EntryFormValues = {};
  for (const field of fields) {
    const value = content?.[field.key];
    out[field.key] = field.kind === "sensitive" || field.kind === "security" ? ((value as string[] | undefined) ?? []) : formatFieldValue(field.kind, value);
  }
  return out;
}

export function readFormValues(fields: readonly FieldDescriptor[], formData: FormData): EntryFormValues {
  const out: EntryFormValues = {};
  for (const field of fields) {
    out[field.key] =
      field.kind === "sensitive" || field.kind === "security"
        ? formData.getAll(field.key).map(String)
        : String(formData.get(field.key) ?? "");
  }
  return out;
}
