// Authenticates a REST API request by its API key: the key names its tenant, so the row is read
// inside that tenant's RLS scope; the decision itself is decideApiKeyAccess (pure, unit-tested).
import { withTenant, type Database } from "@rappel/db";
import { bearerToken, decideApiKeyAccess, type ApiKeyDecision } from "./access-decision";
import { parseApiKey, type TApiKeyScope } from "./key-format";

// last_used_at is informative: writing it at most once a minute keeps a busy integration from
// turning every request into a write on the same row.
const LAST_USED_RESOLUTION_MS = 60_000;

export async function authenticateApiKey(
  db: Database,
  authorization: string | null,
  requiredScope: TApiKeyScope,
  now: Date = new Date(),
): Promise<ApiKeyDecision> {
  const presented = bearerToken(authorization);
  const parsed = presented ? parseApiKey(presented) : null;
  if (!parsed) return decideApiKeyAccess({ presented, stored: null, tenantActive: false, requiredScope });

  return withTenant(db, parsed.tenantId, async (tx) => {
    const stored = await tx.apiKey.findUnique({
      where: { tenantId_prefix: { tenantId: parsed.tenantId, prefix: parsed.prefix } },
      select: { id: true, tenantId: true, secretHash: true, scopes: true, revokedAt: true, lastUsedAt: true },
    });
    const tenant = stored
      ? await tx.tenant.findUnique({ where: { id: parsed.tenantId }, select: { status: true } })
      : null;
    const decision = decideApiKeyAccess({ presented, stored, tenantActive: tenant?.status === "active", requiredScope });
    const keyVerified = decision.outcome !== "unauthenticated";
    if (stored && keyVerified && (!stored.lastUsedAt || now.getTime() - stored.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS)) {
      await tx.apiKey.update({
        where: { tenantId_id: { tenantId: stored.tenantId, id: stored.id } },
        data: { lastUsedAt: now },
      });
    }
    return decision;
  });
}
