// Merge tags: {{firstName}} or {{firstName|"Bonjour"}} (a fallback used when the value is empty).
// Only known tags are allowed, so a typo is reported in the editor instead of sent as is.

export const MERGE_TAGS = ["firstName", "lastName", "venueName", "showTitle", "performanceDate"] as const;
export type TMergeTag = (typeof MERGE_TAGS)[number];
export type TMergeValues = Partial<Record<TMergeTag, string | null | undefined>>;

const TAG = /\{\{\s*([A-Za-z]+)\s*(?:\|\s*"((?:[^"\\]|\\.)*)"\s*)?\}\}/g;

export interface MergeTagProblem {
  tag: string;
  message: string;
}

/** The unknown tags in a text (empty when every tag is known). */
export function findMergeTagProblems(text: string): MergeTagProblem[] {
  const problems: MergeTagProblem[] = [];
  for (const m of text.matchAll(TAG)) {
    const tag = m[1] ?? "";
    if (!(MERGE_TAGS as readonly string[]).includes(tag)) {
      problems.push({ tag, message: `unknown merge tag {{${tag}}}; known: ${MERGE_TAGS.join(", ")}` });
    }
  }
  return problems;
}

/** Replaces every tag by its value, its fallback, or nothing. `escape` runs on inserted values
 * and on the literal text around the tags (HTML output escapes both). */
export function applyMergeTags(text: string, values: TMergeValues, escape: (s: string) => string = (s) => s): string {
  let out = "";
  let last = 0;
  for (const m of text.matchAll(TAG)) {
    const tag = m[1] ?? "";
    const fallback = m[2];
    out += escape(text.slice(last, m.index));
    const value = values[tag as TMergeTag];
    out += escape(value && value.trim() ? value : (fallback ?? "").replace(/\\(.)/g, "$1"));
    last = (m.index ?? 0) + m[0].length;
  }
  return out + escape(text.slice(last));
}
