// What a person reads when an import fails: a sentence in French and English, never a stack
// trace, SQL or a cell's content. Failures that a retry cannot fix (unreadable file, bad mapping,
// no data key) are "permanent": the job is not retried.
import { ImportFileError } from "@rappel/ticketing-import";
import { MissingDataKeyError } from "@rappel/personal-data";
import { z } from "zod";

/** The worker is shutting down: the import stops between batches and is retried later. */
export class ImportAbortedError extends Error {
  constructor() {
    super("import interrupted by a worker shutdown; it will be retried");
    this.name = "ImportAbortedError";
  }
}

export function isPermanentFailure(error: unknown): boolean {
  return error instanceof ImportFileError || error instanceof z.ZodError || error instanceof MissingDataKeyError || isMissingFile(error);
}

function isMissingFile(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "ENOENT";
}

export function describeFailure(error: unknown): string {
  // ImportFileError messages are written for people already ("Le fichier est vide. / The file is empty.").
  if (error instanceof ImportFileError) return error.message;
  if (isMissingFile(error)) return "Le fichier importé n'est plus disponible : déposez-le à nouveau. / The uploaded file is no longer available: upload it again.";
  if (error instanceof z.ZodError) return "La correspondance de colonnes enregistrée n'est plus valide : refaites l'étape de correspondance. / The saved column mapping is no longer valid: redo the mapping step.";
  if (error instanceof MissingDataKeyError) return "La clé de chiffrement de votre espace est indisponible : contactez le support. / Your workspace's encryption key is unavailable: contact support.";
  return "L'import a échoué à cause d'une erreur interne ; il sera relancé automatiquement, sinon contactez le support. / The import failed because of an internal error; it will be retried automatically, otherwise contact support.";
}
