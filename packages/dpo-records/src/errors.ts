// Expected errors of the DPO records, with a status and a message a person can act on.
export class DpoRecordError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 | 409 = 400,
    readonly code: string = "invalid",
  ) {
    super(message);
    this.name = "DpoRecordError";
  }
}

export const notFound = (what: string) => new DpoRecordError(`${what} not found`, 404, "not_found");
/** Someone saved the document since this form was opened: reload, then redo the change. */
export const staleVersion = () =>
  new DpoRecordError("This entry was changed by someone else since you opened it; reload it and apply your change again.", 409, "stale");
