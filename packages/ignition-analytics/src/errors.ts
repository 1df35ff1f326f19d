// Expected errors a route can turn into a response: a resource the tenant does not have (or that
// belongs to another tenant — indistinguishable on purpose) is a 404.
export class AnalyticsNotFoundError extends Error {
  readonly status = 404;
  constructor(what: string) {
    super(`${what} not found`);
    this.name = "AnalyticsNotFoundError";
  }
}
