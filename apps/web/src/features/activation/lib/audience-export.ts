// Custom-audience files (Meta, Google) for a segment. Uploading contact data to an ad platform for
// targeting is its own purpose (GDPR, CNIL): only people who granted the `social_ads` consent are
// included, whatever their e-mail or SMS consents, and never while their processing is restricted;
// an identifier on the suppression list (erasure, objection) is left out. Each identifier is
// normalised per platform and SHA-256 hashed. The export is audited.
import { buildGoogleAudienceCsv, buildMetaAudienceCsv, type AudienceContact } from "@rappel/campaigns";
import { Prisma, appendAuditEntry, withTenant, type Database } from "@rappel/db";
import { loadIdentityCodec, type MasterKey } from "@rappel/personal-data";
import { parseSegmentRules, segmentWhere, type TSegmentRules } from "@rappel/segments";
import type { Scope } from "./segments";

export type TAudiencePlatform = "meta" | "google";

/** The consent an audience file requires (shown on the export UI). */
export const AUDIENCE_CONSENT = "social_ads" as const;

/** The segment's spectators an audience file may include (over the spectator `s`). */
function audienceEligible(tenantId: string, rules: TSegmentRules, now: Date): Prisma.Sql {
  return Prisma.sql`${segmentWhere(tenantId, rules, now)}
       AND EXISTS (SELECT 1 FROM consent c WHERE c.tenant_id = s.tenant_id AND c.spectator_id = s.id
                      AND c.channel = ${AUDIENCE_CONSENT}::consent_channel AND c.status = 'granted')
       AND NOT EXISTS (SELECT 1 FROM processing_restriction pr WHERE pr.tenant_id = s.tenant_id
                          AND pr.spectator_id = s.id AND pr.lifted_at IS NULL)`;
}

/** How many of the segment's spectators an audience file may include. */
export async function countAudienceEligible(db: Database, scope: Scope, rules: TSegmentRules, now = new Date()): Promise<number> {
  return withTenant(db, scope.tenantId, async (tx) => {
    const rows = await tx.$queryRaw<{ n: bigint }[]>(Prisma.sql`SELECT count(*) AS n FROM spectator s WHERE ${audienceEligible(scope.tenantId, rules, now)}`);
    return Number(rows[0]?.n ?? 0);
  }, { userId: scope.userId, timeoutMs: 30_000 });
}

export async function exportSegmentAudience(db: Database, scope: Scope, segmentId: string, platform: TAudiencePlatform, master: MasterKey): Promise<string | null> {
  return withTenant(db, scope.tenantId, async (tx) => {
    const segment = await tx.segment.findUnique({ where: { tenantId_id: { tenantId: scope.tenantId, id: segmentId } } });
    if (!segment) return null;
    const rules = parseSegmentRules(segment.rules);
    const rows = await tx.$queryRaw<{ email_enc: Uint8Array | null; phone_enc: Uint8Array | null }[]>(Prisma.sql`
      SELECT CASE WHEN s.email_bidx IS NOT NULL AND EXISTS (SELECT 1 FROM suppression su WHERE su.tenant_id = s.tenant_id
                       AND su.channel = 'email' AND su.bidx = s.email_bidx) THEN NULL ELSE s.email_enc END AS email_enc,
             CASE WHEN s.phone_bidx IS NOT NULL AND EXISTS (SELECT 1 FROM suppression su WHERE su.tenant_id = s.tenant_id
                       AND su.channel = 'sms' AND su.bidx = s.phone_bidx) THEN NULL ELSE s.phone_enc END AS phone_enc
        FROM spectator s WHERE ${audienceEligible(scope.tenantId, rules, new Date())}`);
    const codec = await loadIdentityCodec(tx, scope.tenantId, master);
    const contacts: AudienceContact[] = rows.map((r) => ({ email: codec.openField("email", r.email_enc), phone: codec.openField("phone", r.phone_enc) }));
    await appendAuditEntry(tx, scope.tenantId, {
      actorUserId: scope.userId, actorKind: "staff", action: "segment.audience_export", targetType: "segment", targetId: segmentId,
      details: { platform, rows: contacts.filter((c) => c.email || c.phone).length },
    });
    return platform === "meta" ? buildMetaAudienceCsv(contacts) : buildGoogleAudienceCsv(contacts);
  }, { userId: scope.userId, timeoutMs: 120_000 });
}
