// The public tracking endpoints' writes. The tenant, campaign and spectator come only from a
// verified, signed token; an unsubscribe withdraws the e-mail consent at once, which the sending
// engine re-reads before every chunk (seconds), well within the 60 s promise.
import { isMachineOpen, verifyTrackingToken, deriveTrackingKey, type TTrackingKind, type TrackingClaims } from "@rappel/campaigns";
import { appendAuditEntry, withTenant, type Database } from "@rappel/db";
import type { MasterKey } from "@rappel/personal-data";

export function readToken(master: MasterKey, token: string, kind: TTrackingKind): TrackingClaims {
  return verifyTrackingToken(deriveTrackingKey(master.key), token, kind);
}

async function addEvent(db: Database, c: TrackingClaims, kind: string, detail?: string): Promise<void> {
  await withTenant(db, c.tenantId, async (tx) => {
    // A token for a campaign that no longer exists records nothing (and says nothing).
    const exists = await tx.campaign.count({ where: { tenantId: c.tenantId, id: c.campaignId } });
    if (!exists) return;
    await tx.campaignEvent.create({ data: { tenantId: c.tenantId, campaignId: c.campaignId, spectatorId: c.spectatorId, kind, detail: detail ?? null } });
  });
}

export async function recordOpen(db: Database, c: TrackingClaims, userAgent: string | null, ip: string | null): Promise<void> {
  await addEvent(db, c, isMachineOpen(userAgent, ip) ? "machine_open" : "open");
}

export async function recordClick(db: Database, c: TrackingClaims): Promise<void> {
  await addEvent(db, c, "click", c.link !== undefined ? String(c.link) : undefined);
}

export async function unsubscribe(db: Database, c: TrackingClaims, now = new Date()): Promise<void> {
  await withTenant(db, c.tenantId, async (tx) => {
    const spectator = await tx.spectator.count({ where: { tenantId: c.tenantId, id: c.spectatorId } });
    if (!spectator) return;
    await tx.consent.upsert({
      where: { tenantId_spectatorId_channel: { tenantId: c.tenantId, spectatorId: c.spectatorId, channel: "email" } },
      create: { tenantId: c.tenantId, spectatorId: c.spectatorId, channel: "email", status: "withdrawn", source: "email:unsubscribe", recordedAt: now },
      update: { status: "withdrawn", source: "email:unsubscribe", recordedAt: now },
    });
    const campaign = await tx.campaign.count({ where: { tenantId: c.tenantId, id: c.campaignId } });
    if (campaign) await tx.campaignEvent.create({ data: { tenantId: c.tenantId, campaignId: c.campaignId, spectatorId: c.spectatorId, kind: "unsubscribe" } });
    await appendAuditEntry(tx, c.tenantId, { actorKind: "spectator", action: "consent.withdraw", targetType: "spectator", targetId: c.spectatorId, details: { channel: "email", via: "unsubscribe link" } }, now);
  });
}
