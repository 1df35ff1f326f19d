// What the register entry form gets back from its server actions. `values` echoes what was
// submitted, so a rejected form keeps the person's text.
export type EntryFormValues = Record<string, string | string[]>;

export type EntryFormState =
  | { status: "idle" }
  | { status: "saved"; version: number; changed: number; id?: string }
  | { status: "error"; message: string; values: EntryFormValues };
