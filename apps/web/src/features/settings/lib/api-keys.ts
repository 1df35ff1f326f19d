// A tenant's API keys: created (the key is returned once and only its hash kept), listed and
// revoked, always inside the tenant's scope with an explicit tenant filter. Creation and
// revocation are written to the tenant's audit chain in the same transaction.
import { appendAuditEntry, withTenant, type Database, Prisma } from "@rappel/db";
import { z } from "zod";
import { API_KEY_SCOPES, generateApiKey, ZApiKeyScope, type TApiKeyScope } from "@/server/api-keys/key-format";

export const ZCreateApiKeyInput = z.object({
  name: z.string().trim().min(1, "name.required").max(80, "name.too_long"),
  scopes: z
    .array(ZApiKeyScope)
    .min(1, "scopes.required")
    .transform((scopes) => API_KEY_SCOPES.filter((s) => scopes.includes(s))),
});
export type TCreateApiKeyInput = z.infer<typeof ZCreateApiKeyInput>;

export class ApiKeyNotFoundError extends Error {
  constructor() {
    super("API key not found in this tenant");
    this.name = "ApiKeyNotFoundError";
  }
}

export interface Actor {
  tenantId: string;
  userId: string;
}

export interface CreatedApiKey {
  id: string;
  name: string;
  prefix: string;
  /** The whole key, to show once. */
  key: string;
}

export async function createApiKey(db: Database, actor: Actor, input: TCreateApiKeyInput): Promise<CreatedApiKey> {
  const { tenantId, userId } = actor;
  // The 8-character prefix is unique per tenant; a collision (1 in 10^12 per pair) is retried.
  for (let attempt = 0; ; attempt++) {
    const generated = generateApiKey(tenantId);
    try {
      return await withTenant(
        db,
        tenantId,
        async (tx) => {
          const row = await tx.apiKey.create({
            data: { tenantId, name: input.name, prefix: generated.prefix, secretHash: generated.secretHash, scopes: input.scopes, createdById: userId },
            select: { id: true },
          });
          await appendAuditEntry(tx, tenantId, {
            actorUserId: userId,
            actorKind: "staff",
            action: "api_key.created",
            targetType: "api_key",
            targetId: row.id,
            details: { name: input.name, prefix: generated.prefix, scopes: input.scopes },
          });
          return { id: row.id, name: input.name, prefix: generated.prefix, key: generated.key };
        },
        { userId },
      );
    } catch (error) {
      const duplicate = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
      if (!duplicate || attempt >= 2) throw error;
    }
  }
}

export interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  scopes: TApiKeyScope[];
  createdAt: Date;
  createdBy: string | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export async function listApiKeys(db: Database, actor: Actor): Promise<ApiKeyRow[]> {
  const { tenantId, userId } = actor;
  return withTenant(
    db,
    tenantId,
    async (tx) => {
      const keys = await tx.apiKey.findMany({
        where: { tenantId },
        orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
        select: { id: true, name: true, prefix: true, scopes: true, createdAt: true, createdById: true, lastUsedAt: true, revokedAt: true },
      });
      const creatorIds = [...new Set(keys.flatMap((k) => (k.createdById ? [k.createdById] : [])))];
      const creators = creatorIds.length
        ? await tx.user.findMany({ where: { id: { in: creatorIds } }, select: { id: true, name: true } })
        : [];
      const names = new Map(creators.map((u) => [u.id, u.name]));
      return keys.map((k) => ({
        id: k.id,
        name: k.name,
        prefix: k.prefix,
        scopes: k.scopes.filter((s): s is TApiKeyScope => ZApiKeyScope.safeParse(s).success),
        createdAt: k.createdAt,
        createdBy: k.createdById ? (names.get(k.createdById) ?? null) : null,
        lastUsedAt: k.lastUsedAt,
        revokedAt: k.revokedAt,
      }));
    },
    { userId },
  );
}

/** Revokes a key of this tenant; revoking an already revoked key changes nothing. */
export async function revokeApiKey(db: Database, actor: Actor, keyId: string, now: Date = new Date()): Promise<{ alreadyRevoked: boolean }> {
  const { tenantId, userId } = actor;
  if (!z.uuid().safeParse(keyId).success) throw new ApiKeyNotFoundError();
  return withTenant(
    db,
    tenantId,
    async (tx) => {
      const key = await tx.apiKey.findUnique({
        where: { tenantId_id: { tenantId, id: keyId } },
        select: { id: true, name: true, prefix: true, revokedAt: true },
      });
      if (!key) throw new ApiKeyNotFoundError();
      if (key.revokedAt) return { alreadyRevoked: true };
      await tx.apiKey.update({ where: { tenantId_id: { tenantId, id: keyId } }, data: { revokedAt: now } });
      await appendAuditEntry(tx, tenantId, {
        actorUserId: userId,
        actorKind: "staff",
        action: "api_key.revoked",
        targetType: "api_key",
        targetId: keyId,
        details: { name: key.name, prefix: key.prefix },
      });
      return { alreadyRevoked: false };
    },
    { userId },
  );
}
