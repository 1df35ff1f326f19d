// API-key authentication for the REST routes: the tenant comes from the key (never from the URL),
// and a refusal becomes a 401 (no, bad or revoked key) or 403 (missing scope).
import { getDb } from "@/server/db";
import { authenticateApiKey } from "@/server/api-keys/authenticate";
import type { TApiKeyScope } from "@/server/api-keys/scopes";
import { ApiError } from "./http";

export interface ApiCaller {
  tenantId: string;
  keyId: string;
}

export async function requireApiKey(request: Request, scope: TApiKeyScope): Promise<ApiCaller> {
  const decision = await authenticateApiKey(getDb(), request.headers.get("authorization"), scope);
  if (decision.outcome === "granted") return { tenantId: decision.tenantId, keyId: decision.keyId };
  if (decision.outcome === "forbidden") {
    throw new ApiError(403, "auth.scope_missing", `This API key does not have the scope ${decision.missingScope}.`);
  }
  // One answer for every bad key, so a caller learns nothing about which keys exist.
  const message =
    decision.reason === "missing"
      ? "Send an API key in the header `Authorization: Bearer <key>`."
      : "The API key is invalid or has been revoked.";
  throw new ApiError(401, decision.reason === "missing" ? "auth.missing" : "auth.invalid", message);
}
