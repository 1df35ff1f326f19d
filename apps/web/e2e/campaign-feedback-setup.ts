// Run by the campaign-feedback journey (through tsx, outside Playwright's transform): a campaign
// of the demo theatre that went out to a few spectators, with the outcomes the worker records
// from DSNs and feedback reports (hard and soft bounces, a complaint), stopped automatically when
// its promoted performance sold out. Prints JSON.
import { createDatabase, withTenant } from "@rappel/db";

const url = process.env.E2E_DATABASE_URL;
if (!url) throw new Error("usage: E2E_DATABASE_URL=… tsx campaign-feedback-setup.ts");

const db = createDatabase(url, { max: 1 });
const tenant = await db.tenant.findUniqueOrThrow({ where: { slug: "theatre-lumiere" } });
const result = await withTenant(db, tenant.id, async (tx) => {
  const spectators = await tx.spectator.findMany({ where: { tenantId: tenant.id, emailEnc: { not: null } }, select: { id: true }, take: 40, orderBy: { id: "asc" } });
  const sentAt = new Date(Date.now() - 6 * 3_600_000);
  const campaign = await tx.campaign.create({
    data: {
      tenantId: tenant.id, name: "Dernières places pour Carmen", channel: "email", status: "cancelled", subject: "Il reste des places",
      content: { blocks: [] }, startedAt: sentAt, finishedAt: new Date(sentAt.getTime() + 3_600_000),
      stopReason: "the promoted performance is sold out (412 tickets for 412 seats)",
    },
  });
  const statusOf = (i: number) => (i < 30 ? "sent" : i < 33 ? "bounced" : "skipped") as "sent" | "bounced" | "skipped";
  await tx.campaignDelivery.createMany({
    data: spectators.map((s, i) => ({
      tenantId: tenant.id, campaignId: campaign.id, spectatorId: s.id, channel: "email" as const, status: statusOf(i), batch: 0,
      sentAt: statusOf(i) === "skipped" ? null : sentAt,
      lastError: statusOf(i) === "bounced" ? "DSN 5.1.1 550 5.1.1 User unknown" : statusOf(i) === "skipped" ? "campaign stopped: the promoted performance is sold out (412 tickets for 412 seats)" : null,
    })),
  });
  const event = (i: number, kind: string, minutes: number, detail?: string) => ({
    tenantId: tenant.id, campaignId: campaign.id, spectatorId: spectators[i]!.id, kind, occurredAt: new Date(sentAt.getTime() + minutes * 60_000), ...(detail ? { detail } : {}),
  });
  await tx.campaignEvent.createMany({
    data: [
      ...[30, 31, 32].map((i) => event(i, "bounce_hard", 5, "5.1.1")),
      event(3, "bounce_soft", 20, "4.2.2"), event(4, "bounce_soft", 50, "4.2.2"),
      event(5, "complaint", 90, "abuse"),
      ...Array.from({ length: 14 }, (_, i) => event(6 + i, "open", 10 + i * 9)),
      ...Array.from({ length: 5 }, (_, i) => event(6 + i, "click", 15 + i * 20, "0")),
    ],
  });
  return { campaignId: campaign.id };
});
process.stdout.write(`${JSON.stringify(result)}\n`);
await db.$disconnect();
