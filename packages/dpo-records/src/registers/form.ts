// Turns the register form's fields (plain strings, checkbox lists) into an entry candidate, which
// the caller validates with the entry's zod schema. Lists are one item per line; retention and
// transfers are "a | b | c" lines.
import { parseRows, type FieldDescriptor } from "./schemas";

export type FormInput = Record<string, string | string[] | undefined>;

const lines = (v: string) => v.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
const single = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join("\n") : (v ?? ""));
const many = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);

export function readEntryForm(fields: readonly FieldDescriptor[], input: FormInput): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const raw = input[field.key];
    switch (field.kind) {
      case "text":
      case "textarea":
        out[field.key] = single(raw).trim();
        break;
      case "list":
        out[field.key] = lines(single(raw));
        break;
      case "sensitive":
      case "security":
        out[field.key] = many(raw);
        break;
      case "retention":
        out[field.key] = parseRows(single(raw), 2).map(([category = "", period = ""]) => ({ category, period }));
        break;
      case "transfers":
        out[field.key] = parseRows(single(raw), 3).map(([country = "", recipient = "", safeguard = ""]) => ({ country, recipient, safeguard }));
        break;
    }
  }
  return out;
}
