import { describe, expect, it } from "vitest";
import { JobPayloadError, UnknownJobKindError, parseJobPayload } from "./index";

const TENANT = "7d1a2c4e-0f3b-4a5c-9d8e-1f2a3b4c5d6e";

describe("parseJobPayload", () => {
  it("accepts a payload of ids", () => {
    expect(parseJobPayload("verify-audit-chains", { tenantId: TENANT })).toEqual({
      tenantId: TENANT,
    });
    expect(parseJobPayload("verify-audit-chains", {})).toEqual({});
  });

  it("rejects a malformed id and names the field", () => {
    expect(() => parseJobPayload("verify-audit-chains", { tenantId: "42" })).toThrow(
      'Invalid payload for job "verify-audit-chains": tenantId: must be a UUID',
    );
  });

  it("refuses fields that are not declared, so personal data cannot ride along", () => {
    const attempt = () =>
      parseJobPayload("verify-audit-chains", { tenantId: TENANT, email: "a@b.fr" });
    expect(attempt).toThrow(JobPayloadError);
    expect(attempt).toThrow('unexpected field(s) "email" (payloads carry ids only)');
  });

  it("rejects a payload that is not an object", () => {
    expect(() => parseJobPayload("verify-audit-chains", "tenant")).toThrow(JobPayloadError);
  });

  it("rejects an unknown job kind", () => {
    expect(() => parseJobPayload("send-everything", {})).toThrow(UnknownJobKindError);
  });
});
