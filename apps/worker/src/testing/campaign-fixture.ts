// A tenant ready to send an e-mail campaign: data key, N spectators with sealed e-mail and first
// name and e-mail consent, a segment, a sender identity and a scheduled campaign. Used by the
// engine's tests and by `pnpm bench:activation` (100,000 recipients).
import { randomBytes } from "node:crypto";
import { provisionTenant, withTenant, type Database, type Prisma } from "@rappel/db";
import { deriveTrackingKey } from "@rappel/campaigns";
import { createTenantDataKey, loadIdentityCodec, masterKeyFromEnv, type MasterKey } from "@rappel/personal-data";
import type { EngineConfig } from "../jobs/campaign-engine";

export interface CampaignFixture {
  tenantId: string;
  campaignId: string;
  segmentId: string;
  userId: string;
  spectatorIds: string[];
  /** recipient address → spectator id */
  emails: Map<string, string>;
}

export function testMasterKey(): MasterKey {
  return masterKeyFromEnv({ MASTER_KEY: process.env.MASTER_KEY ?? "", MASTER_KEY_ID: process.env.MASTER_KEY_ID ?? "mk1" });
}

/** The engine's settings for tests: the given SMTP peer, the test master key and its tracking key. */
export function engineTestConfig(smtpUrl: string, maxConnections: number): EngineConfig {
  const master = testMasterKey();
  return { smtpUrl, appUrl: "http://rappel.test", master, trackingKey: deriveTrackingKey(master.key), maxConnections };
}

export async function createCampaignFixture(
  db: Database,
  options: { recipients: number; emailFor?: (i: number) => string; holdoutPercent?: number; master?: MasterKey },
): Promise<CampaignFixture> {
  const master = options.master ?? testMasterKey();
  const suffix = randomBytes(4).toString("hex");
  const user = await db.user.create({ data: { email: `marketing-${suffix}@example.test`, name: "Marketing", passwordHash: "x" } });
  const tenant = await provisionTenant(db, { slug: `camp-${suffix}`, name: `Salle ${suffix}`, kind: "theatre" }, { userId: null });
  const tenantId = tenant.id;
  const emailFor = options.emailFor ?? ((i: number) => `spectateur${i}@example.net`);
  const emails = new Map<string, string>();
  const spectatorIds: string[] = [];
  await withTenant(db, tenantId, async (tx) => {
    await tx.membership.create({ data: { tenantId, userId: user.id, role: "marketer" } });
    const existing = await tx.tenantDataKey.count({ where: { tenantId } });
    if (existing === 0) await createTenantDataKey(tx, tenantId, master);
  });
  const codec = await withTenant(db, tenantId, (tx) => loadIdentityCodec(tx, tenantId, master));
  // Rows per createMany small enough for one statement: past PostgreSQL's 32,767 bind parameters
  // (about 10 per spectator) Prisma splits it and runs the parts concurrently on the transaction's
  // one connection, which pg deprecates ("client.query() when the client is already executing").
  const CHUNK = 2_000;
  for (let start = 0; start < options.recipients; start += CHUNK) {
    const rows: Prisma.SpectatorCreateManyInput[] = [];
    for (let i = start; i < Math.min(start + CHUNK, options.recipients); i++) {
      const email = emailFor(i);
      const sealed = codec.sealIdentity({ email, firstName: i % 3 === 0 ? null : `Prénom${i}`, lastName: `Nom${i}` });
      rows.push({ tenantId, ...sealed, postalCode: "69001", externalRef: `SP${i}` });
    }
    await withTenant(
      db,
      tenantId,
      async (tx) => {
        const created = await tx.spectator.createManyAndReturn({ data: rows, select: { id: true, externalRef: true } });
        await tx.consent.createMany({
          data: created.map((c) => ({ tenantId, spectatorId: c.id, channel: "email" as const, status: "granted" as const, source: "test", recordedAt: new Date() })),
        });
        for (const c of created) {
          const i = Number(c.externalRef?.slice(2));
          spectatorIds.push(c.id);
          emails.set(emailFor(i).toLowerCase(), c.id);
        }
      },
      { timeoutMs: 120_000 },
    );
  }
  const { segmentId, campaignId } = await withTenant(db, tenantId, async (tx) => {
    await tx.senderIdentity.create({ data: { tenantId, fromName: "Théâtre de la Lumière", fromEmail: "billetterie@lumiere.example", replyTo: "contact@lumiere.example" } });
    const segment = await tx.segment.create({ data: { tenantId, name: "Tous", rules: { op: "and", rules: [{ type: "postal_code", values: ["69"] }] } } });
    const campaign = await tx.campaign.create({
      data: {
        tenantId, name: "Ouverture de saison", channel: "email", status: "scheduled", segmentId: segment.id,
        subject: '{{firstName|"Bonjour"}}, la saison commence', preheader: "Trois soirées à ne pas manquer",
        holdoutPercent: options.holdoutPercent ?? 0,
        content: {
          blocks: [
            { type: "text", text: 'Bonjour {{firstName|"à vous"}},\n\nLa nouvelle saison est là.' },
            { type: "button", label: "Réserver", href: "https://billetterie.lumiere.example/saison" },
            { type: "footer", text: "Théâtre de la Lumière, 1 place du Théâtre, Lyon" },
          ],
        },
      },
    });
    return { segmentId: segment.id, campaignId: campaign.id };
  });
  return { tenantId, campaignId, segmentId, userId: user.id, spectatorIds, emails };
}
