// Every reason a row or a cell can be refused, as a stable key with a French and an English
// template. {field} is the field's label in the same language, {value} the offending cell,
// {allowed} the accepted values. The keys are what gets stored with a rejected row; the text is
// rendered when shown to a person.

export const issueMessages = {
  required: { fr: "{field} manquant(e)", en: "missing {field}" },
  "date.invalid": { fr: "{field} illisible : « {value} »", en: "unreadable {field}: “{value}”" },
  "date.out_of_range": { fr: "{field} hors limites : « {value} »", en: "{field} out of range: “{value}”" },
  "time.invalid": { fr: "{field} : heure illisible « {value} »", en: "{field}: unreadable time “{value}”" },
  "amount.invalid": { fr: "{field} : montant illisible « {value} »", en: "{field}: unreadable amount “{value}”" },
  "amount.ambiguous": {
    fr: "{field} : montant ambigu « {value} » (séparateur de milliers ou de décimales ?)",
    en: "{field}: ambiguous amount “{value}” (thousands or decimal separator?)",
  },
  "amount.too_many_decimals": {
    fr: "{field} : plus de deux décimales dans « {value} »",
    en: "{field}: more than two decimals in “{value}”",
  },
  "amount.negative": { fr: "{field} négatif : « {value} »", en: "negative {field}: “{value}”" },
  "integer.invalid": { fr: "{field} : nombre entier illisible « {value} »", en: "{field}: unreadable whole number “{value}”" },
  "integer.out_of_range": { fr: "{field} hors limites : « {value} »", en: "{field} out of range: “{value}”" },
  "boolean.invalid": {
    fr: "{field} : « {value} » n'est ni oui ni non (valeurs acceptées : {allowed})",
    en: "{field}: “{value}” is neither yes nor no (allowed: {allowed})",
  },
  "postal_code.invalid": { fr: "{field} invalide : « {value} »", en: "invalid {field}: “{value}”" },
  "text.too_long": { fr: "{field} trop long : « {value} »", en: "{field} too long: “{value}”" },
  "enum.unknown": {
    fr: "{field} inconnu(e) : « {value} » (valeurs acceptées : {allowed})",
    en: "unknown {field}: “{value}” (allowed: {allowed})",
  },
  "email.invalid": { fr: "{field} invalide : « {value} »", en: "invalid {field}: “{value}”" },
  "country.unknown": { fr: "{field} inconnu : « {value} »", en: "unknown {field}: “{value}”" },
  "language.unknown": { fr: "{field} inconnue : « {value} »", en: "unknown {field}: “{value}”" },
  "reference.missing": {
    fr: "ni {field} ni référence de billet : impossible d'identifier la ligne",
    en: "neither {field} nor ticket reference: the row cannot be identified",
  },
  "performance.missing": {
    fr: "représentation non identifiée : il faut sa référence, ou le titre du spectacle, sa date et le lieu",
    en: "performance not identified: give its reference, or the show title, its date and the venue",
  },
  "spectator.unidentified": {
    fr: "spectateur non identifié : il faut une référence, un e-mail ou un téléphone",
    en: "spectator not identified: give a reference, an e-mail or a phone number",
  },
  "end.before_start": { fr: "{field} avant le début : « {value} »", en: "{field} before the start: “{value}”" },
  "blocked_seats.over_capacity": {
    fr: "{field} supérieur à la jauge : « {value} »",
    en: "{field} greater than the capacity: “{value}”",
  },
} as const satisfies Record<string, { fr: string; en: string }>;

export type IssueCode = keyof typeof issueMessages;
export type Language = "fr" | "en";

/** A problem with one cell (or one rule across cells) of one row. */
export interface RowIssue {
  code: IssueCode;
  /** The target field concerned (e.g. "orderDate"); labels come from the mapping targets. */
  field: string;
  /** The cell as read from the file (untrimmed), when there is one. */
  value?: string;
  allowed?: readonly string[];
}

/** Renders a template; `fieldLabel` is the field's label in `language` (see `fieldLabel`). */
export function formatIssue(issue: RowIssue, language: Language, fieldLabel: string): string {
  const template: string = issueMessages[issue.code][language];
  const rendered = template
    .replace("{field}", fieldLabel)
    .replace("{value}", issue.value ?? "")
    .replace("{allowed}", (issue.allowed ?? []).join(", "));
  // Labels start lower case so they read well mid-sentence; a sentence starts with a capital.
  return rendered.charAt(0).toUpperCase() + rendered.slice(1);
}
