// Fixture for isolation tests: two tenants with one row in every tenant-owned table.
import { randomBytes } from "node:crypto";
import type { Database, Tx } from "../client";
import { toBytes } from "../bytes";
import { withTenant } from "../tenant-scope";
import { provisionTenant } from "../tenants";

export interface TenantRows {
  tenantId: string;
  userId: string;
  venueId: string;
  showId: string;
  performanceId: string;
  spectatorId: string;
  orderId: string;
  ticketId: string;
  dataKeyId: string;
  importId: string;
  surveyId: string;
  invitationId: string;
  alertId: string;
  segmentId: string;
  campaignId: string;
  subprocessorId: string;
  changeId: string;
  requestId: string;
}

const bytes = (n = 32) => toBytes(randomBytes(n));

async function fillTenant(tx: Tx, tenantId: string, userId: string, tag: string): Promise<TenantRows> {
  await tx.membership.create({ data: { tenantId, userId, role: "owner" } });
  const key = await tx.tenantDataKey.create({ data: { tenantId, wrappedKey: bytes(61), masterKeyId: "test" } });
  const venue = await tx.venue.create({ data: { tenantId, name: `Salle ${tag}`, capacity: 500 } });
  const show = await tx.show.create({ data: { tenantId, title: `Spectacle ${tag}`, genre: "theatre", externalRef: `S-${tag}` } });
  const startsAt = new Date("2026-12-01T19:00:00Z");
  const performance = await tx.performance.create({
    data: { tenantId, showId: show.id, venueId: venue.id, startsAt, endsAt: new Date(startsAt.getTime() + 7_200_000), capacity: 500 },
  });
  const spectator = await tx.spectator.create({ data: { tenantId, emailEnc: bytes(), emailBidx: bytes(), postalCode: "69001" } });
  await tx.consent.create({
    data: { tenantId, spectatorId: spectator.id, channel: "email", status: "granted", source: "test", recordedAt: startsAt },
  });
  const order = await tx.order.create({
    data: { tenantId, reference: `O-${tag}`, spectatorId: spectator.id, orderedAt: startsAt, salesChannel: "web", totalCents: 3200 },
  });
  const ticket = await tx.ticket.create({
    data: {
      tenantId, reference: `T-${tag}`, orderId: order.id, performanceId: performance.id, holderId: spectator.id,
      priceCategory: "Plein tarif", priceCents: 3200, salesChannel: "web", issuedAt: startsAt,
    },
  });
  const importJob = await tx.importJob.create({
    data: { tenantId, kind: "tickets", source: "ui", fileName: `${tag}.csv`, fileSize: 10n, fileSha256: "0".repeat(64) },
  });
  await tx.importRejectedRow.create({
    data: { tenantId, importId: importJob.id, line: 2, reasons: [{ field: "price", code: "amount.invalid" }], rawSealed: bytes() },
  });
  await tx.importMappingPreset.create({
    data: { tenantId, name: `Preset ${tag}`, kind: "tickets", headerSignature: "sig", mapping: {} },
  });
  await tx.apiKey.create({ data: { tenantId, name: "ERP", prefix: `p${tag}`, secretHash: "h", scopes: ["imports:write"] } });
  await tx.spectatorMerge.create({
    data: { tenantId, survivorId: spectator.id, mergedId: spectator.id, rule: "manual", moved: {} },
  });
  await tx.rollupDailySales.create({
    data: {
      tenantId, day: startsAt, performanceId: performance.id, salesChannel: "web", priceCategory: "Plein tarif",
      tickets: 1, complimentary: 0, revenueCents: 3200n, leadDaysSum: 0n,
    },
  });
  await tx.rollupAudience.create({
    data: { tenantId, performanceId: performance.id, communeCode: "69381", departement: "69", spectators: 1, tickets: 1, revenueCents: 3200n, distanceKmSum: 2 },
  });
  await tx.rollupPerformanceDay.create({
    data: {
      tenantId, performanceId: performance.id, day: startsAt, tickets: 1, complimentary: 0, revenueCents: 3200n, leadDaysSum: 0n,
    },
  });
  await tx.rollupPerformance.create({
    data: {
      tenantId, performanceId: performance.id, tickets: 1, complimentary: 0, revenueCents: 3200n, leadDaysSum: 0n, lastSaleDay: startsAt,
      topPriceCents: 3200,
    },
  });
  await tx.rollupOrder.create({
    data: {
      tenantId, performanceId: performance.id, orderId: order.id, salesChannel: "web", spectatorId: spectator.id, day: startsAt,
      season: 2026, isFirstOrder: true,
    },
  });
  await tx.rollupSeasonBuyers.create({
    data: { tenantId, season: 2026, day: startsAt, orders: 1, buyers: 1, newBuyers: 1, repeatBuyers: 0 },
  });
  await tx.rollupAudienceDepartement.create({
    data: { tenantId, performanceId: performance.id, departement: "69", spectators: 1, tickets: 1, revenueCents: 3200n, distanceKmSum: 2 },
  });
  await tx.rollupAudienceChannel.create({
    data: { tenantId, performanceId: performance.id, salesChannel: "web", communeCode: "69123", departement: "69", spectators: 1, tickets: 1, revenueCents: 3200n },
  });
  const survey = await tx.survey.create({ data: { tenantId, name: `Enquête ${tag}`, status: "active" } });
  await tx.surveyVersion.create({ data: { tenantId, surveyId: survey.id, version: 1, definition: { schemaVersion: 1 } } });
  await tx.surveyDispatchRule.create({ data: { tenantId, surveyId: survey.id } });
  await tx.surveyDispatchPlan.create({
    data: { tenantId, surveyId: survey.id, performanceId: performance.id, kind: "initial", plannedFor: startsAt, performanceEndsAt: startsAt },
  });
  const invitation = await tx.surveyInvitation.create({
    data: {
      tenantId, surveyId: survey.id, spectatorId: spectator.id, performanceId: performance.id, performanceIds: [performance.id],
      tokenHash: bytes(), scheduledFor: startsAt,
    },
  });
  await tx.surveyResponse.create({ data: { tenantId, invitationId: invitation.id, surveyId: survey.id, version: 1, answers: { nps: 9 }, nps: 9 } });
  await tx.surveyExclusion.create({ data: { tenantId, spectatorId: spectator.id, list: "staff", source: "test", recordedAt: startsAt } });
  const alert = await tx.surveyAlert.create({ data: { tenantId, surveyId: survey.id, key: `k-${tag}`, kind: "nps_below" } });
  await tx.surveyAlertDelivery.create({ data: { tenantId, alertId: alert.id, recipient: "direction@example.test", status: "sent", sentAt: startsAt } });
  const segment = await tx.segment.create({ data: { tenantId, name: `Segment ${tag}`, rules: { op: "and", rules: [] } } });
  await tx.senderIdentity.create({ data: { tenantId, fromName: `Salle ${tag}`, fromEmail: "billetterie@example.test" } });
  await tx.smsSettings.create({ data: { tenantId, provider: "smpp", endpointUrl: "smpp://127.0.0.1:2775", systemId: tag } });
  await tx.smtpRelay.create({ data: { tenantId, host: "127.0.0.1", port: 2525, tlsMode: "none" } });
  const campaign = await tx.campaign.create({
    data: { tenantId, name: `Campagne ${tag}`, channel: "email", segmentId: segment.id, content: { blocks: [] } },
  });
  await tx.campaignDelivery.create({
    data: { tenantId, campaignId: campaign.id, spectatorId: spectator.id, channel: "email", status: "sent", batch: 0 },
  });
  await tx.campaignEvent.create({ data: { tenantId, campaignId: campaign.id, spectatorId: spectator.id, kind: "open" } });
  await tx.suppression.create({ data: { tenantId, channel: "email", bidx: bytes(), reason: "bounce_hard" } });
  // ── Privacy (data operations) ──
  await tx.privacySetting.create({ data: { tenantId, purgeMode: "approval" } });
  await tx.retentionOverride.create({
    data: { tenantId, category: "customer", activeMonths: 24, archiveMonths: 0 },
  });
  await tx.legalHold.create({ data: { tenantId, spectatorId: spectator.id, reason: `Litige ${tag}` } });
  await tx.purgeRun.create({
    data: { tenantId, category: "customer", mode: "approval", status: "awaiting_approval", cutoff: startsAt, rule: {}, preview: {} },
  });
  const dsr = await tx.dataSubjectRequest.create({
    data: { tenantId, kind: "access", status: "open", channel: "staff", receivedAt: startsAt, emailBidx: bytes() },
  });
  await tx.spectatorRectification.create({
    data: { tenantId, requestId: dsr.id, spectatorId: spectator.id, field: "lastName", oldEnc: bytes(), newEnc: bytes(), actorKind: "staff" },
  });
  await tx.dataSubjectRequestForward.create({ data: { tenantId, requestId: dsr.id, status: "sent", recipients: 1 } });
  await tx.suppressionEntry.create({ data: { tenantId, hash: bytes(), kind: "email", reason: "erasure" } });
  await tx.processingRestriction.create({ data: { tenantId, spectatorId: spectator.id } });
  // DPO records: the tenant's processor-register entry and its history, a sub-processor change's
  // notice (with an objection) and an enabled sub-processor (platform rows are per-tag).
  await tx.dpoProcessorRecord.create({ data: { tenantId, content: { name: tag }, handEdited: [] } });
  await tx.dpoProcessorRecordVersion.create({ data: { tenantId, version: 1, content: { name: tag }, changes: [] } });
  const subprocessor = await tx.dpoSubprocessor.create({
    data: { name: `Hébergeur ${tag}`, service: "hosting", dataCategories: ["identity"], location: "FR", transferSafeguards: "none (EU)" },
  });
  const change = await tx.dpoSubprocessorChange.create({
    data: { subprocessorId: subprocessor.id, description: "new", announcedAt: startsAt, windowEndsAt: startsAt },
  });
  await tx.dpoSubprocessorNotice.create({ data: { tenantId, changeId: change.id, recipients: 1, objectedAt: startsAt } });
  await tx.tenantSubprocessor.create({ data: { tenantId, subprocessorId: subprocessor.id } });
  // Offboarding: the record of a requested offboarding (kept after the destruction).
  await tx.tenantOffboarding.create({ data: { tenantId, contractReference: `CT-${tag}` } });
  return {
    requestId: dsr.id,
    surveyId: survey.id,
    invitationId: invitation.id,
    alertId: alert.id,
    segmentId: segment.id,
    campaignId: campaign.id,
    subprocessorId: subprocessor.id,
    changeId: change.id,
    importId: importJob.id,
    tenantId, userId, venueId: venue.id, showId: show.id, performanceId: performance.id, spectatorId: spectator.id,
    orderId: order.id, ticketId: ticket.id, dataKeyId: key.id,
  };
}

export async function createTwoTenants(db: Database): Promise<{ a: TenantRows; b: TenantRows }> {
  const suffix = randomBytes(4).toString("hex");
  const make = async (tag: string) => {
    const user = await db.user.create({
      data: { email: `owner-${tag}-${suffix}@example.test`, name: `Owner ${tag}`, passwordHash: "x" },
    });
    const tenant = await provisionTenant(db, { slug: `${tag}-${suffix}`, name: `Tenant ${tag}`, kind: "theatre" }, { userId: null });
    return withTenant(db, tenant.id, (tx) => fillTenant(tx, tenant.id, user.id, `${tag}-${suffix}`));
  };
  return { a: await make("a"), b: await make("b") };
}
