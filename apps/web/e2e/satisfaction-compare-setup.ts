// Run by the comparison journey (through tsx, outside Playwright's transform): in the festival's
// tenant, a survey with two versions (the second adds questions), two performances of one show
// answered under each version, and another show with too few answers to be shown. Prints JSON.
import { randomBytes } from "node:crypto";
import { createDatabase, withTenant } from "@rappel/db";
import { loadIdentityCodec, masterKeyFromEnv } from "@rappel/personal-data";
import { createCoreDefinition, QUESTION_BANK } from "@rappel/survey";

const url = process.env.E2E_DATABASE_URL;
const masterKey = process.env.E2E_MASTER_KEY;
if (!url || !masterKey) throw new Error("usage: E2E_DATABASE_URL=… E2E_MASTER_KEY=… tsx satisfaction-compare-setup.ts");

const DAY = 86_400_000;
const now = Date.now();
const ago = (days: number) => new Date(now - days * DAY);
const v1 = createCoreDefinition("Festival des Nuits d'Été");
const bank = (id: string) => QUESTION_BANK.find((q) => q.id === id)!;
const v2 = { ...v1, pages: [v1.pages[0]!, { ...v1.pages[1]!, questions: [...v1.pages[1]!.questions, bank("interval"), bank("come_back")] }] };

const db = createDatabase(url, { max: 1 });
const tenant = await db.tenant.findUniqueOrThrow({ where: { slug: "festival-nuits-ete" } });
const tenantId = tenant.id;
const result = await withTenant(db, tenantId, async (tx) => {
  const venue = await tx.venue.findFirstOrThrow({ where: { tenantId }, orderBy: { name: "asc" } });
  const tag = randomBytes(3).toString("hex");
  const codec = await loadIdentityCodec(tx, tenantId, masterKeyFromEnv({ MASTER_KEY: masterKey, MASTER_KEY_ID: "mk1" }));
  const show = (title: string) => tx.show.create({ data: { tenantId, title: `${title} (${tag})`, genre: "theatre" } });
  const dream = await show("Le Songe d'une nuit d'été");
  const carmen = await show("Carmen");
  const perf = (showId: string, days: number) =>
    tx.performance.create({ data: { tenantId, showId, venueId: venue.id, startsAt: ago(days), endsAt: new Date(ago(days).getTime() + 2 * 3_600_000), capacity: 400 } });
  const first = await perf(dream.id, 31);
  const second = await perf(dream.id, 6);
  const other = await perf(carmen.id, 6);
  const survey = await tx.survey.create({ data: { tenantId, name: `Enquête du festival (${tag})`, status: "active", minResponses: 5, currentVersion: 2 } });
  await tx.surveyVersion.create({ data: { tenantId, surveyId: survey.id, version: 1, definition: v1 as object, createdAt: ago(60) } });
  await tx.surveyVersion.create({ data: { tenantId, surveyId: survey.id, version: 2, definition: v2 as object, createdAt: ago(10) } });
  let n = 0;
  const answer = async (performanceId: string, sentDaysAgo: number, version: number | null, nps = 0, extra: Record<string, unknown> = {}) => {
    n += 1;
    const spectator = await tx.spectator.create({ data: { tenantId, ...codec.sealIdentity({ email: `compare.${tag}.${n}@example.test` }) } });
    const sentAt = ago(sentDaysAgo);
    const invitation = await tx.surveyInvitation.create({
      data: { tenantId, surveyId: survey.id, spectatorId: spectator.id, performanceId, performanceIds: [performanceId], tokenHash: randomBytes(32), scheduledFor: sentAt, sentAt, status: version ? "completed" : "sent" },
    });
    if (!version) return;
    await tx.surveyResponse.create({
      data: { tenantId, invitationId: invitation.id, surveyId: survey.id, version, nps, answers: { nps, ...extra } as object, completedAt: new Date(sentAt.getTime() + 3_600_000), currentPage: 2 },
    });
  };
  // First performance, version 1: 24 answers, mostly promoters; 6 invitations unanswered.
  const firstScores = [10, 10, 9, 9, 10, 9, 10, 8, 9, 10, 7, 9, 10, 9, 8, 10, 9, 10, 6, 9, 10, 9, 8, 10];
  for (const [i, nps] of firstScores.entries()) await answer(first.id, 30, 1, nps, { aspects: { artistic: 5, sound: i % 3 ? 4 : 5, comfort: 3 } });
  for (let i = 0; i < 6; i += 1) await answer(first.id, 30, null);
  // Second performance, version 2: 20 answers, many detractors about a long interval.
  const secondScores = [3, 9, 5, 10, 6, 2, 8, 4, 9, 6, 7, 3, 10, 5, 8, 6, 9, 4, 7, 5];
  for (const [i, nps] of secondScores.entries())
    await answer(second.id, 5, 2, nps, { aspects: { artistic: 4, sound: 2 + (i % 2), comfort: 3 }, interval: nps <= 6 ? "too_long" : "right", come_back: nps >= 7 });
  for (let i = 0; i < 10; i += 1) await answer(second.id, 5, null);
  // Another show: 3 answers, under the minimum of 5.
  for (const nps of [10, 2, 9]) await answer(other.id, 5, 2, nps, { interval: "right" });
  return { surveyId: survey.id, showId: dream.id, otherShowId: carmen.id, firstId: first.id, secondId: second.id, tag };
});
process.stdout.write(`${JSON.stringify(result)}\n`);
await db.$disconnect();
