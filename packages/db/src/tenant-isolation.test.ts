// The database, not the code, keeps tenants apart. Through the application role, a tenant B
// transaction tries to read, insert, update and delete tenant A's rows in every tenant-owned
// table; each attempt must fail, and the owner's view proves A's rows are untouched.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type Database, type Tx } from "./client";
import { withTenant } from "./tenant-scope";
import { createTwoTenants, type TenantRows } from "./testing/two-tenants";

const appUrl = process.env.DATABASE_URL!;
const ownerUrl = process.env.MIGRATION_DATABASE_URL!;
let db: Database;
let a: TenantRows;
let b: TenantRows;

beforeAll(async () => {
  db = createDatabase(appUrl);
  ({ a, b } = await createTwoTenants(db));
});
afterAll(async () => db.$disconnect());

interface ModelSpec {
  table: string;
  /** Rows of the victim visible to the attacker. */
  read(tx: Tx, v: TenantRows): Promise<unknown[]>;
  update(tx: Tx, v: TenantRows): Promise<{ count: number }>;
  remove(tx: Tx, v: TenantRows): Promise<{ count: number }>;
  /** A row claiming to belong to the victim, written by the attacker. */
  insert(tx: Tx, v: TenantRows, attacker: TenantRows): Promise<unknown>;
}

const when = new Date("2026-12-01T19:00:00Z");
const SPECS: ModelSpec[] = [
  {
    table: "membership",
    read: (tx, v) => tx.membership.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.membership.updateMany({ where: { tenantId: v.tenantId }, data: { role: "viewer" } }),
    remove: (tx, v) => tx.membership.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v, att) => tx.membership.create({ data: { tenantId: v.tenantId, userId: att.userId, role: "owner" } }),
  },
  {
    table: "tenant_data_key",
    read: (tx, v) => tx.tenantDataKey.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.tenantDataKey.updateMany({ where: { tenantId: v.tenantId }, data: { retiredAt: when } }),
    remove: (tx, v) => tx.tenantDataKey.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) =>
      tx.tenantDataKey.create({ data: { tenantId: v.tenantId, wrappedKey: new Uint8Array(8), masterKeyId: "x" } }),
  },
  {
    table: "venue",
    read: (tx, v) => tx.venue.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.venue.updateMany({ where: { tenantId: v.tenantId }, data: { name: "pwned" } }),
    remove: (tx, v) => tx.venue.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) => tx.venue.create({ data: { tenantId: v.tenantId, name: "intrus", capacity: 1 } }),
  },
  {
    table: "show",
    read: (tx, v) => tx.show.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.show.updateMany({ where: { tenantId: v.tenantId }, data: { title: "pwned" } }),
    remove: (tx, v) => tx.show.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) => tx.show.create({ data: { tenantId: v.tenantId, title: "intrus" } }),
  },
  {
    table: "performance",
    read: (tx, v) => tx.performance.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.performance.updateMany({ where: { tenantId: v.tenantId }, data: { status: "cancelled" } }),
    remove: (tx, v) => tx.performance.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) =>
      tx.performance.create({
        data: { tenantId: v.tenantId, showId: v.showId, venueId: v.venueId, startsAt: when, endsAt: when, capacity: 1 },
      }),
  },
  {
    table: "spectator",
    read: (tx, v) => tx.spectator.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.spectator.updateMany({ where: { tenantId: v.tenantId }, data: { postalCode: "00000" } }),
    remove: (tx, v) => tx.spectator.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) => tx.spectator.create({ data: { tenantId: v.tenantId, postalCode: "75001" } }),
  },
  {
    table: "consent",
    read: (tx, v) => tx.consent.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.consent.updateMany({ where: { tenantId: v.tenantId }, data: { status: "withdrawn" } }),
    remove: (tx, v) => tx.consent.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) =>
      tx.consent.create({
        data: { tenantId: v.tenantId, spectatorId: v.spectatorId, channel: "sms", status: "granted", source: "x", recordedAt: when },
      }),
  },
  {
    table: "ticket_order",
    read: (tx, v) => tx.order.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.order.updateMany({ where: { tenantId: v.tenantId }, data: { totalCents: 0 } }),
    remove: (tx, v) => tx.order.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) =>
      tx.order.create({
        data: { tenantId: v.tenantId, reference: "O-intrus", orderedAt: when, salesChannel: "web", totalCents: 1 },
      }),
  },
  {
    table: "ticket",
    read: (tx, v) => tx.ticket.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.ticket.updateMany({ where: { tenantId: v.tenantId }, data: { priceCents: 0 } }),
    remove: (tx, v) => tx.ticket.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) =>
      tx.ticket.create({
        data: {
          tenantId: v.tenantId, reference: "T-intrus", orderId: v.orderId, performanceId: v.performanceId,
          priceCategory: "x", priceCents: 1, salesChannel: "web", issuedAt: when,
        },
      }),
  },
  {
    table: "audit_entry",
    read: (tx, v) => tx.auditEntry.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.auditEntry.updateMany({ where: { tenantId: v.tenantId }, data: { action: "forged" } }),
    remove: (tx, v) => tx.auditEntry.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) =>
      tx.auditEntry.create({
        data: {
          tenantId: v.tenantId, seq: 999n, actorKind: "staff", action: "forged",
          prevHash: new Uint8Array(32), hash: new Uint8Array(32),
        },
      }),
  },
  {
    table: "import_job",
    read: (tx, v) => tx.importJob.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.importJob.updateMany({ where: { tenantId: v.tenantId }, data: { status: "cancelled" } }),
    remove: (tx, v) => tx.importJob.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) =>
      tx.importJob.create({
        data: { tenantId: v.tenantId, kind: "tickets", source: "ui", fileName: "x.csv", fileSize: 1n, fileSha256: "x" },
      }),
  },
  {
    table: "import_rejected_row",
    read: (tx, v) => tx.importRejectedRow.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.importRejectedRow.updateMany({ where: { tenantId: v.tenantId }, data: { reasons: [] } }),
    remove: (tx, v) => tx.importRejectedRow.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) =>
      tx.importRejectedRow.create({ data: { tenantId: v.tenantId, importId: v.importId, line: 99, reasons: [], rawSealed: new Uint8Array(1) } }),
  },
  {
    table: "import_mapping_preset",
    read: (tx, v) => tx.importMappingPreset.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.importMappingPreset.updateMany({ where: { tenantId: v.tenantId }, data: { mapping: { x: 1 } } }),
    remove: (tx, v) => tx.importMappingPreset.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) =>
      tx.importMappingPreset.create({ data: { tenantId: v.tenantId, name: "intrus", kind: "tickets", headerSignature: "s", mapping: {} } }),
  },
  {
    table: "segment",
    read: (tx, v) => tx.segment.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.segment.updateMany({ where: { tenantId: v.tenantId }, data: { name: "mine" } }),
    remove: (tx, v) => tx.segment.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) => tx.segment.create({ data: { tenantId: v.tenantId, name: "intrus", rules: {} } }),
  },
  {
    table: "sender_identity",
    read: (tx, v) => tx.senderIdentity.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.senderIdentity.updateMany({ where: { tenantId: v.tenantId }, data: { fromEmail: "attacker@example.test" } }),
    remove: (tx, v) => tx.senderIdentity.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) => tx.senderIdentity.create({ data: { tenantId: v.tenantId, fromName: "x", fromEmail: "x@example.test" } }),
  },
  {
    table: "sms_settings",
    read: (tx, v) => tx.smsSettings.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.smsSettings.updateMany({ where: { tenantId: v.tenantId }, data: { endpointUrl: "smpp://attacker.test:2775" } }),
    remove: (tx, v) => tx.smsSettings.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) => tx.smsSettings.create({ data: { tenantId: v.tenantId, provider: "http", endpointUrl: "https://attacker.test" } }),
  },
  {
    table: "smtp_relay",
    read: (tx, v) => tx.smtpRelay.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.smtpRelay.updateMany({ where: { tenantId: v.tenantId }, data: { host: "attacker.test" } }),
    remove: (tx, v) => tx.smtpRelay.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) => tx.smtpRelay.create({ data: { tenantId: v.tenantId, host: "attacker.test", port: 25, tlsMode: "none" } }),
  },
  {
    table: "campaign",
    read: (tx, v) => tx.campaign.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.campaign.updateMany({ where: { tenantId: v.tenantId }, data: { subject: "mine" } }),
    remove: (tx, v) => tx.campaign.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) => tx.campaign.create({ data: { tenantId: v.tenantId, name: "intrus", channel: "email", content: {} } }),
  },
  {
    table: "campaign_delivery",
    read: (tx, v) => tx.campaignDelivery.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.campaignDelivery.updateMany({ where: { tenantId: v.tenantId }, data: { status: "pending" } }),
    remove: (tx, v) => tx.campaignDelivery.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) =>
      tx.campaignDelivery.create({
        data: { tenantId: v.tenantId, campaignId: v.campaignId, spectatorId: v.spectatorId, channel: "sms", status: "pending", batch: 1 },
      }),
  },
  {
    table: "campaign_event",
    read: (tx, v) => tx.campaignEvent.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.campaignEvent.updateMany({ where: { tenantId: v.tenantId }, data: { kind: "click" } }),
    remove: (tx, v) => tx.campaignEvent.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) => tx.campaignEvent.create({ data: { tenantId: v.tenantId, campaignId: v.campaignId, spectatorId: v.spectatorId, kind: "click" } }),
  },
  {
    table: "suppression",
    read: (tx, v) => tx.suppression.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.suppression.updateMany({ where: { tenantId: v.tenantId }, data: { reason: "none" } }),
    remove: (tx, v) => tx.suppression.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) => tx.suppression.create({ data: { tenantId: v.tenantId, channel: "sms", bidx: new Uint8Array([1, 2, 3]), reason: "x" } }),
  },
  {
    table: "api_key",
    read: (tx, v) => tx.apiKey.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.apiKey.updateMany({ where: { tenantId: v.tenantId }, data: { revokedAt: null, secretHash: "mine" } }),
    remove: (tx, v) => tx.apiKey.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) => tx.apiKey.create({ data: { tenantId: v.tenantId, name: "intrus", prefix: "intrus", secretHash: "h", scopes: [] } }),
  },
  {
    table: "spectator_merge",
    read: (tx, v) => tx.spectatorMerge.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.spectatorMerge.updateMany({ where: { tenantId: v.tenantId }, data: { undoneAt: when } }),
    remove: (tx, v) => tx.spectatorMerge.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) =>
      tx.spectatorMerge.create({ data: { tenantId: v.tenantId, survivorId: v.spectatorId, mergedId: v.spectatorId, rule: "manual", moved: {} } }),
  },
  {
    table: "rollup_daily_sales",
    read: (tx, v) => tx.rollupDailySales.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.rollupDailySales.updateMany({ where: { tenantId: v.tenantId }, data: { tickets: 0 } }),
    remove: (tx, v) => tx.rollupDailySales.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) =>
      tx.rollupDailySales.create({
        data: {
          tenantId: v.tenantId, day: when, performanceId: v.performanceId, salesChannel: "phone", priceCategory: "x",
          tickets: 1, complimentary: 0, revenueCents: 1n, leadDaysSum: 0n,
        },
      }),
  },
  {
    table: "rollup_audience",
    read: (tx, v) => tx.rollupAudience.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.rollupAudience.updateMany({ where: { tenantId: v.tenantId }, data: { tickets: 0 } }),
    remove: (tx, v) => tx.rollupAudience.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) =>
      tx.rollupAudience.create({
        data: { tenantId: v.tenantId, performanceId: v.performanceId, communeCode: "x", departement: "x", spectators: 1, tickets: 1, revenueCents: 1n, distanceKmSum: 0 },
      }),
  },
  {
    table: "rollup_performance_day",
    read: (tx, v) => tx.rollupPerformanceDay.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.rollupPerformanceDay.updateMany({ where: { tenantId: v.tenantId }, data: { tickets: 0 } }),
    remove: (tx, v) => tx.rollupPerformanceDay.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) =>
      tx.rollupPerformanceDay.create({
        data: { tenantId: v.tenantId, performanceId: v.performanceId, day: new Date("2026-11-30"), tickets: 1, complimentary: 0, revenueCents: 1n, leadDaysSum: 0n },
      }),
  },
  {
    table: "rollup_performance",
    read: (tx, v) => tx.rollupPerformance.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.rollupPerformance.updateMany({ where: { tenantId: v.tenantId }, data: { tickets: 0 } }),
    remove: (tx, v) => tx.rollupPerformance.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v, att) =>
      tx.rollupPerformance.create({
        data: {
          tenantId: v.tenantId, performanceId: att.performanceId, tickets: 1, complimentary: 0, revenueCents: 1n, leadDaysSum: 0n,
          lastSaleDay: when,
        },
      }),
  },
  {
    table: "rollup_order",
    read: (tx, v) => tx.rollupOrder.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.rollupOrder.updateMany({ where: { tenantId: v.tenantId }, data: { isFirstOrder: false } }),
    remove: (tx, v) => tx.rollupOrder.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v, att) =>
      tx.rollupOrder.create({
        data: {
          tenantId: v.tenantId, performanceId: v.performanceId, orderId: att.orderId, salesChannel: "phone", spectatorId: null,
          day: when, season: 2026, isFirstOrder: false,
        },
      }),
  },
  {
    table: "rollup_season_buyers",
    read: (tx, v) => tx.rollupSeasonBuyers.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.rollupSeasonBuyers.updateMany({ where: { tenantId: v.tenantId }, data: { buyers: 0 } }),
    remove: (tx, v) => tx.rollupSeasonBuyers.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) =>
      tx.rollupSeasonBuyers.create({
        data: { tenantId: v.tenantId, season: 2025, day: when, orders: 1, buyers: 1, newBuyers: 0, repeatBuyers: 0 },
      }),
  },
  {
    table: "rollup_audience_departement",
    read: (tx, v) => tx.rollupAudienceDepartement.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.rollupAudienceDepartement.updateMany({ where: { tenantId: v.tenantId }, data: { tickets: 0 } }),
    remove: (tx, v) => tx.rollupAudienceDepartement.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) =>
      tx.rollupAudienceDepartement.create({
        data: { tenantId: v.tenantId, performanceId: v.performanceId, departement: "x", spectators: 1, tickets: 1, revenueCents: 1n, distanceKmSum: 0 },
      }),
  },
  {
    table: "rollup_audience_channel",
    read: (tx, v) => tx.rollupAudienceChannel.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.rollupAudienceChannel.updateMany({ where: { tenantId: v.tenantId }, data: { tickets: 0 } }),
    remove: (tx, v) => tx.rollupAudienceChannel.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) =>
      tx.rollupAudienceChannel.create({
        data: { tenantId: v.tenantId, performanceId: v.performanceId, salesChannel: "box_office", communeCode: "x", departement: "x", spectators: 1, tickets: 1, revenueCents: 1n },
      }),
  },
  {
    table: "survey",
    read: (tx, v) => tx.survey.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.survey.updateMany({ where: { tenantId: v.tenantId }, data: { name: "pwned" } }),
    remove: (tx, v) => tx.survey.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) => tx.survey.create({ data: { tenantId: v.tenantId, name: "intrus" } }),
  },
  {
    table: "survey_version",
    read: (tx, v) => tx.surveyVersion.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.surveyVersion.updateMany({ where: { tenantId: v.tenantId }, data: { definition: {} } }),
    remove: (tx, v) => tx.surveyVersion.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) => tx.surveyVersion.create({ data: { tenantId: v.tenantId, surveyId: v.surveyId, version: 99, definition: {} } }),
  },
  {
    table: "survey_dispatch_rule",
    read: (tx, v) => tx.surveyDispatchRule.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.surveyDispatchRule.updateMany({ where: { tenantId: v.tenantId }, data: { active: false } }),
    remove: (tx, v) => tx.surveyDispatchRule.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) => tx.surveyDispatchRule.create({ data: { tenantId: v.tenantId, surveyId: v.surveyId } }),
  },
  {
    table: "survey_dispatch_plan",
    read: (tx, v) => tx.surveyDispatchPlan.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.surveyDispatchPlan.updateMany({ where: { tenantId: v.tenantId }, data: { status: "cancelled" } }),
    remove: (tx, v) => tx.surveyDispatchPlan.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) =>
      tx.surveyDispatchPlan.create({
        data: { tenantId: v.tenantId, surveyId: v.surveyId, performanceId: v.performanceId, kind: "reminder", plannedFor: when, performanceEndsAt: when },
      }),
  },
  {
    table: "survey_invitation",
    read: (tx, v) => tx.surveyInvitation.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.surveyInvitation.updateMany({ where: { tenantId: v.tenantId }, data: { status: "cancelled" } }),
    remove: (tx, v) => tx.surveyInvitation.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v, att) =>
      tx.surveyInvitation.create({
        data: {
          tenantId: v.tenantId, surveyId: v.surveyId, spectatorId: v.spectatorId, performanceId: att.performanceId, performanceIds: [],
          tokenHash: new Uint8Array(32), scheduledFor: when,
        },
      }),
  },
  {
    table: "survey_response",
    read: (tx, v) => tx.surveyResponse.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.surveyResponse.updateMany({ where: { tenantId: v.tenantId }, data: { nps: 0 } }),
    remove: (tx, v) => tx.surveyResponse.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) =>
      tx.surveyResponse.create({ data: { tenantId: v.tenantId, invitationId: v.invitationId, surveyId: v.surveyId, version: 1 } }),
  },
  {
    table: "survey_exclusion",
    read: (tx, v) => tx.surveyExclusion.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.surveyExclusion.updateMany({ where: { tenantId: v.tenantId }, data: { source: "pwned" } }),
    remove: (tx, v) => tx.surveyExclusion.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) =>
      tx.surveyExclusion.create({ data: { tenantId: v.tenantId, spectatorId: v.spectatorId, list: "opted_out", source: "x", recordedAt: when } }),
  },
  {
    table: "survey_alert",
    read: (tx, v) => tx.surveyAlert.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.surveyAlert.updateMany({ where: { tenantId: v.tenantId }, data: { kind: "pwned" } }),
    remove: (tx, v) => tx.surveyAlert.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) => tx.surveyAlert.create({ data: { tenantId: v.tenantId, surveyId: v.surveyId, key: "intrus", kind: "x" } }),
  },
  {
    table: "survey_alert_delivery",
    read: (tx, v) => tx.surveyAlertDelivery.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.surveyAlertDelivery.updateMany({ where: { tenantId: v.tenantId }, data: { status: "failed" } }),
    remove: (tx, v) => tx.surveyAlertDelivery.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) => tx.surveyAlertDelivery.create({ data: { tenantId: v.tenantId, alertId: v.alertId, recipient: "intrus@example.test" } }),
  },
  // ── Privacy (data operations) ──
  {
    table: "privacy_setting",
    read: (tx, v) => tx.privacySetting.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.privacySetting.updateMany({ where: { tenantId: v.tenantId }, data: { purgeMode: "automatic" } }),
    remove: (tx, v) => tx.privacySetting.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) => tx.privacySetting.create({ data: { tenantId: v.tenantId, purgeMode: "automatic" } }),
  },
  {
    table: "retention_override",
    read: (tx, v) => tx.retentionOverride.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.retentionOverride.updateMany({ where: { tenantId: v.tenantId }, data: { activeMonths: 999 } }),
    remove: (tx, v) => tx.retentionOverride.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) =>
      tx.retentionOverride.create({ data: { tenantId: v.tenantId, category: "intrus", activeMonths: 1, archiveMonths: 0 } }),
  },
  {
    table: "legal_hold",
    read: (tx, v) => tx.legalHold.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.legalHold.updateMany({ where: { tenantId: v.tenantId }, data: { releasedAt: when } }),
    remove: (tx, v) => tx.legalHold.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) => tx.legalHold.create({ data: { tenantId: v.tenantId, spectatorId: v.spectatorId, reason: "x" } }),
  },
  {
    table: "purge_run",
    read: (tx, v) => tx.purgeRun.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.purgeRun.updateMany({ where: { tenantId: v.tenantId }, data: { status: "rejected" } }),
    remove: (tx, v) => tx.purgeRun.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) =>
      tx.purgeRun.create({
        data: { tenantId: v.tenantId, category: "x", mode: "automatic", status: "approved", cutoff: when, rule: {}, preview: {} },
      }),
  },
  {
    table: "data_subject_request",
    read: (tx, v) => tx.dataSubjectRequest.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.dataSubjectRequest.updateMany({ where: { tenantId: v.tenantId }, data: { status: "rejected" } }),
    remove: (tx, v) => tx.dataSubjectRequest.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) =>
      tx.dataSubjectRequest.create({
        data: { tenantId: v.tenantId, kind: "erasure", status: "open", channel: "staff", receivedAt: when },
      }),
  },
  {
    table: "spectator_rectification",
    read: (tx, v) => tx.spectatorRectification.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.spectatorRectification.updateMany({ where: { tenantId: v.tenantId }, data: { field: "pwned" } }),
    remove: (tx, v) => tx.spectatorRectification.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) =>
      tx.spectatorRectification.create({
        data: { tenantId: v.tenantId, requestId: v.requestId, spectatorId: v.spectatorId, field: "email", actorKind: "staff" },
      }),
  },
  {
    table: "data_subject_request_forward",
    read: (tx, v) => tx.dataSubjectRequestForward.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.dataSubjectRequestForward.updateMany({ where: { tenantId: v.tenantId }, data: { status: "failed" } }),
    remove: (tx, v) => tx.dataSubjectRequestForward.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v, att) => tx.dataSubjectRequestForward.create({ data: { tenantId: v.tenantId, requestId: att.requestId } }),
  },
  {
    table: "suppression_entry",
    read: (tx, v) => tx.suppressionEntry.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.suppressionEntry.updateMany({ where: { tenantId: v.tenantId }, data: { reason: "pwned" } }),
    remove: (tx, v) => tx.suppressionEntry.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) =>
      tx.suppressionEntry.create({ data: { tenantId: v.tenantId, hash: new Uint8Array(32), kind: "email", reason: "erasure" } }),
  },
  {
    table: "processing_restriction",
    read: (tx, v) => tx.processingRestriction.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.processingRestriction.updateMany({ where: { tenantId: v.tenantId }, data: { liftedAt: when } }),
    remove: (tx, v) => tx.processingRestriction.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v, att) =>
      tx.processingRestriction.create({ data: { tenantId: v.tenantId, spectatorId: att.spectatorId } }),
  },
  {
    table: "dpo_processor_record",
    read: (tx, v) => tx.dpoProcessorRecord.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.dpoProcessorRecord.updateMany({ where: { tenantId: v.tenantId }, data: { version: 9 } }),
    remove: (tx, v) => tx.dpoProcessorRecord.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) => tx.dpoProcessorRecord.create({ data: { tenantId: v.tenantId, content: {}, handEdited: [] } }),
  },
  {
    table: "dpo_processor_record_version",
    read: (tx, v) => tx.dpoProcessorRecordVersion.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.dpoProcessorRecordVersion.updateMany({ where: { tenantId: v.tenantId }, data: { note: "x" } }),
    remove: (tx, v) => tx.dpoProcessorRecordVersion.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) => tx.dpoProcessorRecordVersion.create({ data: { tenantId: v.tenantId, version: 99, content: {}, changes: [] } }),
  },
  {
    table: "dpo_subprocessor_notice",
    read: (tx, v) => tx.dpoSubprocessorNotice.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.dpoSubprocessorNotice.updateMany({ where: { tenantId: v.tenantId }, data: { objectedAt: null } }),
    remove: (tx, v) => tx.dpoSubprocessorNotice.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v, att) => tx.dpoSubprocessorNotice.create({ data: { tenantId: v.tenantId, changeId: att.changeId } }),
  },
  {
    table: "tenant_subprocessor",
    read: (tx, v) => tx.tenantSubprocessor.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.tenantSubprocessor.updateMany({ where: { tenantId: v.tenantId }, data: { enabledAt: when } }),
    remove: (tx, v) => tx.tenantSubprocessor.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v, att) => tx.tenantSubprocessor.create({ data: { tenantId: v.tenantId, subprocessorId: att.subprocessorId } }),
  },
  {
    table: "tenant_offboarding",
    read: (tx, v) => tx.tenantOffboarding.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.tenantOffboarding.updateMany({ where: { tenantId: v.tenantId }, data: { status: "destroyed" } }),
    remove: (tx, v) => tx.tenantOffboarding.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) => tx.tenantOffboarding.create({ data: { tenantId: v.tenantId, contractReference: "CT-x" } }),
  },
];

/** Tables that carry tenant_id, read from the catalog so a new table cannot be forgotten. */
async function tenantOwnedTables(): Promise<string[]> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  const { rows } = await client.query<{ table: string }>(`
    SELECT c.relname AS table FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
     WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r','p') AND a.attname = 'tenant_id'
     ORDER BY 1`);
  await client.end();
  return rows.map((r) => r.table);
}

async function ownerCount(table: string, tenantId: string): Promise<number> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${pg.escapeIdentifier(table)} WHERE tenant_id = $1`,
    [tenantId],
  );
  await client.end();
  return rows[0]!.n;
}

/** An attempt fails when it throws or touches nothing. */
async function attemptAffected(run: () => Promise<{ count: number }>): Promise<number> {
  try {
    return (await run()).count;
  } catch {
    return 0;
  }
}

describe("tenant isolation through the application role", () => {
  it("covers every tenant-owned table", async () => {
    expect(SPECS.map((s) => s.table).sort()).toEqual(await tenantOwnedTables());
  });

  for (const spec of SPECS) {
    describe(spec.table, () => {
      it("the owner tenant sees its own rows (control)", async () => {
        const own = await withTenant(db, a.tenantId, (tx) => spec.read(tx, a));
        expect(own.length).toBeGreaterThan(0);
      });

      it("another tenant cannot read them", async () => {
        expect(await withTenant(db, b.tenantId, (tx) => spec.read(tx, a))).toEqual([]);
      });

      it("another tenant cannot update or delete them", async () => {
        const before = await ownerCount(spec.table, a.tenantId);
        expect(await attemptAffected(() => withTenant(db, b.tenantId, (tx) => spec.update(tx, a)))).toBe(0);
        expect(await attemptAffected(() => withTenant(db, b.tenantId, (tx) => spec.remove(tx, a)))).toBe(0);
        expect(await ownerCount(spec.table, a.tenantId)).toBe(before);
      });

      it("another tenant cannot insert rows into it", async () => {
        const before = await ownerCount(spec.table, a.tenantId);
        await expect(withTenant(db, b.tenantId, (tx) => spec.insert(tx, a, b))).rejects.toThrow();
        expect(await ownerCount(spec.table, a.tenantId)).toBe(before);
      });

      it("nobody sees or writes anything without a tenant set", async () => {
        expect(await db.$transaction((tx) => spec.read(tx, a))).toEqual([]);
        await expect(db.$transaction((tx) => spec.insert(tx, a, b))).rejects.toThrow();
      });
    });
  }

  it("refuses to move a row to another tenant (WITH CHECK)", async () => {
    await expect(
      withTenant(db, b.tenantId, (tx) =>
        tx.venue.update({ where: { tenantId_id: { tenantId: b.tenantId, id: b.venueId } }, data: { tenantId: a.tenantId } }),
      ),
    ).rejects.toThrow();
  });
});
