// A tenant ready to send an SMS campaign through a local SMSC: spectators with a sealed phone
// number, first name and SMS consent, SMS settings pointing at the simulator, and a scheduled
// SMS campaign. Builds on the e-mail fixture (tenant, data key, segment, sender identity).
import { withTenant, type Database, type Prisma } from "@rappel/db";
import { loadIdentityCodec } from "@rappel/personal-data";
import { saveSmsSettings, type TSmsSettingsInput } from "@rappel/sms";
import { createCampaignFixture, testMasterKey } from "./campaign-fixture";

export interface SmsCampaignFixture {
  tenantId: string;
  campaignId: string;
  /** E.164 number → spectator id */
  phones: Map<string, string>;
}

// Never ending in 0: the simulator answers those with an UNDELIV receipt.
export const smsPhone = (i: number) => `+336${String(10_000_001 + i * 2).padStart(8, "0")}`;

export async function createSmsCampaignFixture(
  db: Database,
  options: { recipients: number; smscUrl: string; messagesPerSecond?: number; phoneFor?: (i: number) => string; settings?: Partial<TSmsSettingsInput> },
): Promise<SmsCampaignFixture> {
  const master = testMasterKey();
  const base = await createCampaignFixture(db, { recipients: 0, master });
  const { tenantId } = base;
  const phoneFor = options.phoneFor ?? smsPhone;
  const phones = new Map<string, string>();
  await withTenant(db, tenantId, async (tx) => {
    const codec = await loadIdentityCodec(tx, tenantId, master);
    const rows: Prisma.SpectatorCreateManyInput[] = [];
    for (let i = 0; i < options.recipients; i++) {
      rows.push({ tenantId, ...codec.sealIdentity({ phone: phoneFor(i), firstName: i % 3 === 0 ? null : `Prénom${i}` }), postalCode: "69001", externalRef: `SMS${i}` });
    }
    const created = await tx.spectator.createManyAndReturn({ data: rows, select: { id: true, externalRef: true } });
    await tx.consent.createMany({
      data: created.map((c) => ({ tenantId, spectatorId: c.id, channel: "sms" as const, status: "granted" as const, source: "test", recordedAt: new Date() })),
    });
    for (const c of created) phones.set(phoneFor(Number(c.externalRef?.slice(3))), c.id);
    await saveSmsSettings(tx, tenantId, master, {
      provider: "smpp", endpointUrl: options.smscUrl, systemId: "rappel", secret: "secret", webhookSecret: undefined,
      messagesPerSecond: options.messagesPerSecond ?? 200, pricePerSegmentCents: 8, optOutMention: "STOP au 36180",
      alsaceMoselle: false, skipHolidays: true, ...options.settings,
    });
    await tx.campaign.update({
      where: { tenantId_id: { tenantId, id: base.campaignId } },
      data: { channel: "sms", subject: "", preheader: "", content: { text: 'Bonjour {{firstName|"à vous"}}, la saison commence !', senderId: "LUMIERE" } },
    });
  });
  return { tenantId, campaignId: base.campaignId, phones };
}
