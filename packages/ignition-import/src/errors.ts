// Expected errors of the import service: each has an HTTP-like status and a message a person can
// act on, so the web app and the REST API can show them as they are. No personal data in them.

export class ImportError extends Error {
  constructor(
    readonly status: 400 | 404 | 409 | 422,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ImportError";
  }
}

export class ImportNotFoundError extends ImportError {
  constructor() {
    super(404, "import.not_found", "Import introuvable. / Import not found.");
    this.name = "ImportNotFoundError";
  }
}

/** The import is not in a state that allows the action (e.g. confirming a running import). */
export class ImportStateError extends ImportError {
  constructor(action: string, status: string) {
    super(409, "import.bad_state", `Action « ${action} » impossible : l'import est « ${status} ». / Cannot ${action}: the import is ${status}.`);
    this.name = "ImportStateError";
  }
}

/** The column mapping does not fit the file (unknown columns, missing required targets…). */
export class ImportMappingError extends ImportError {
  constructor(readonly issues: string[]) {
    super(422, "import.mapping_invalid", `Correspondance de colonnes invalide / invalid column mapping: ${issues.join("; ")}`);
    this.name = "ImportMappingError";
  }
}
