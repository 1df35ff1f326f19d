// Custom-audience files (Meta, Google) for a segment: only people whose consent allows
// advertising contact by e-mail (their e-mail) or SMS (their phone) are included, each
// identifier normalised per platform and SHA-256 hashed. The export is audited.
import { buildGoogleAudienceCsv, buildMetaAudienceCsv, type AudienceContact } from "@rappel/campaigns";
import { Prisma, appendAuditEntry, withTenant, type Database } from "@rappel/db";
import { loadIdentityCodec, type MasterKey } from "@rappel/personal-data";
import { parseSegmentRules, segmentWhere } from "@rappel/segments";
import type { Scope } from "./segments";

export type TAudiencePlatform = "meta" | "google";

export async function exportSegmentAudience(db: Database, scope: Scope, segmentId: string, platform: TAudiencePlatform, master: MasterKey): Promise<string | null> {
  return withTenant(db, scope.tenantId, async (tx) => {
    const segment = await tx.segment.findUnique({ where: { tenantId_id: { tenantId: scope.tenantId, id: segmentId } } });
    if (!segment) return null;
    const rules = parseSegmentRules(segment.rules);
    const rows = await tx.$queryRaw<{ email_enc: Uint8Array | null; phone_enc: Uint8Array | null; email_ok: boolean; sms_ok: boolean }[]>(Prisma.sql`
      SELECT s.email_enc, s.phone_enc,
             EXISTS (SELECT 1 FROM consent c WHERE c.tenant_id = s.tenant_id AND c.spectator_id = s.id AND c.channel = 'email' AND c.status = 'granted') AS email_ok,
             EXISTS (SELECT 1 FROM consent c WHERE c.tenant_id = s.tenant_id AND c.spectator_id = s.id AND c.channel = 'sms' AND c.status = 'granted') AS sms_ok
        FROM spectator s WHERE ${segmentWhere(scope.tenantId, rules, new Date())}`);
    const codec = await loadIdentityCodec(tx, scope.tenantId, master);
    const contacts: AudienceContact[] = rows.map((r) => ({
      email: r.email_ok ? codec.openField("email", r.email_enc) : null,
      phone: r.sms_ok ? codec.openField("phone", r.phone_enc) : null,
    }));
    await appendAuditEntry(tx, scope.tenantId, {
      actorUserId: scope.userId, actorKind: "staff", action: "segment.audience_export", targetType: "segment", targetId: segmentId,
      details: { platform, rows: contacts.filter((c) => c.email || c.phone).length },
    });
    return platform === "meta" ? buildMetaAudienceCsv(contacts) : buildGoogleAudienceCsv(contacts);
  }, { userId: scope.userId, timeoutMs: 120_000 });
}
