// Expected errors of the job layer: a caller can act on them (fix the payload, use a known kind).
export class JobPayloadError extends Error {
  constructor(
    public readonly kind: string,
    public readonly issues: string[],
  ) {
    super(`Invalid payload for job "${kind}": ${issues.join("; ")}`);
    this.name = "JobPayloadError";
  }
}

export class UnknownJobKindError extends Error {
  constructor(public readonly kind: string) {
    super(`Unknown job kind "${kind}"`);
    this.name = "UnknownJobKindError";
  }
}
