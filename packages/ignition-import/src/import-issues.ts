// Reasons a row is refused, or flagged, by the import itself (after the row parsed): a
// performance given by a reference nobody knows, a likely typo in an e-mail domain. The parsing layer's reasons keep their own codes and messages
// (@rappel/ticketing-import); these add to them, in the same shape and the same two languages.
import { describeIssues, fieldLabel, issueMessages, type FileKind, type Language, type RowIssue } from "@rappel/ticketing-import";

export const importIssueMessages = {
  "performance.unknown": {
    fr: "représentation inconnue : aucune représentation n'a la référence « {value} » (importez d'abord le fichier des représentations)",
    en: "unknown performance: no performance has the reference “{value}” (import the performances file first)",
  },
  // No longer raised (unpaid reservations are imported as pending since migration 20261201400000);
  // kept so rows refused by earlier imports still read as a sentence.
  "ticket.pending": {
    fr: "réservation non payée « {value} » refusée par cette version antérieure de l'import ; importez à nouveau le fichier pour la garder comme réservation en attente",
    en: "unpaid reservation “{value}” refused by this earlier version of the import; import the file again to keep it as a pending reservation",
  },
  "email.typo": {
    fr: "{field} : le domaine ressemble à une faute de frappe « {value} » (adresse conservée telle quelle)",
    en: "{field}: the domain looks like a typo “{value}” (address kept as given)",
  },
  "venue.missing": {
    fr: "{field} manquant : l'espace a plusieurs lieux, précisez lequel",
    en: "missing {field}: the workspace has several venues, say which one",
  },
  "consent.unsupported": {
    fr: "{field} : ce canal n'est pas géré, la valeur « {value} » n'est pas enregistrée",
    en: "{field}: this channel is not handled, the value “{value}” is not recorded",
  },
  "genre.unknown": {
    fr: "{field} hors de la liste des genres : « {value} » (spectacle importé sans genre)",
    en: "{field} not in the genre list: “{value}” (show imported without a genre)",
  },
  "phone.invalid": { fr: "{field} invalide : « {value} »", en: "invalid {field}: “{value}”" },
  "row.malformed": {
    fr: "ligne illisible : {value}",
    en: "unreadable line: {value}",
  },
} as const satisfies Record<string, { fr: string; en: string }>;

export type ImportIssueCode = keyof typeof importIssueMessages;

/** A stored reason: a parsing-layer issue or one of the import's own. */
export interface StoredIssue {
  code: string;
  field: string;
  value?: string;
  allowed?: readonly string[];
}

const isImportCode = (code: string): code is ImportIssueCode => Object.hasOwn(importIssueMessages, code);
const isParseCode = (code: string): code is RowIssue["code"] => Object.hasOwn(issueMessages, code);

/** Every stored reason as a sentence, whichever layer raised it. */
export function describeImportIssues(kind: FileKind, issues: readonly StoredIssue[], language: Language): string[] {
  return issues.map((issue) => {
    if (isParseCode(issue.code)) return describeIssues(kind, [issue as RowIssue], language)[0]!;
    const label = issue.field ? fieldLabel(kind, issue.field, language) : "";
    if (isImportCode(issue.code)) {
      const rendered = importIssueMessages[issue.code][language].replace("{field}", label).replace("{value}", issue.value ?? "");
      return rendered.charAt(0).toUpperCase() + rendered.slice(1);
    }
    // A code from a newer version: still say something true rather than nothing.
    return label ? `${issue.code} (${label})` : issue.code;
  });
}
