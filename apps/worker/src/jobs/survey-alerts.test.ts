// Staff alerts on a real SMTP peer: NPS below the threshold and a detractor writing about a
// watched topic, each sent once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant, type Database } from "@rappel/db";
import { createMailTransport } from "@rappel/mail";
import { startSmtpPeer, type SmtpPeer } from "@rappel/mail/testing";
import { captureLogger, openAppDatabase } from "../testing/fixtures";
import { addAttendees, addPerformance, createSurveyWorld, testMasterKey } from "../testing/survey-fixtures";
import { checkSurveyAlerts } from "./survey-alerts";
import type { SurveyServices } from "./survey-services";

let db: Database;
let peer: SmtpPeer;
let services: SurveyServices;
const master = testMasterKey();

beforeAll(async () => {
  db = openAppDatabase();
  peer = await startSmtpPeer();
  services = { master, mail: createMailTransport(peer.url, { ignoreTls: true, pool: false }), appUrl: "https://rappel.test", from: "Rappel <alertes@rappel.test>", sendConcurrency: 1 };
});
afterAll(async () => {
  services.mail?.close();
  await peer.stop();
  await db.$disconnect();
});

describe("survey alerts", () => {
  it("e-mails chosen staff once when a performance's NPS is below the threshold and when a detractor writes about a watched topic", async () => {
    const world = await createSurveyWorld(db, master);
    const performanceId = await addPerformance(db, world, new Date("2026-12-01T21:30:00Z"));
    const [spectatorId] = await addAttendees(db, master, world, [performanceId], [{ email: "a@example.test" }]);
    const now = new Date("2026-12-03T10:00:00Z");
    await withTenant(db, world.tenantId, async (tx) => {
      await tx.survey.update({
        where: { tenantId_id: { tenantId: world.tenantId, id: world.surveyId } },
        data: { minResponses: 1, settings: { alerts: { recipients: ["direction@lumiere.test"], npsBelow: 0, detractorTopics: ["access"] } } },
      });
      const inv = await tx.surveyInvitation.create({
        data: { tenantId: world.tenantId, surveyId: world.surveyId, spectatorId: spectatorId!, performanceId, performanceIds: [performanceId], tokenHash: new Uint8Array(32), scheduledFor: now, status: "completed" },
      });
      await tx.surveyResponse.create({
        data: { tenantId: world.tenantId, invitationId: inv.id, surveyId: world.surveyId, version: 1, nps: 2, topics: ["access", "sound"], answers: { nps: 2 }, completedAt: now, updatedAt: now },
      });
    });
    const { logger } = captureLogger("warn");
    expect(await checkSurveyAlerts(db, services, world.tenantId, now, logger)).toBe(2);
    const mails = await peer.waitForMessages(2);
    expect(mails.map((m) => m.subject).sort()).toEqual([
      "Alerte satisfaction : NPS -100 pour Le Misanthrope",
      "Alerte satisfaction : un détracteur parle de access",
    ]);
    expect(mails.every((m) => m.envelope.to[0] === "direction@lumiere.test")).toBe(true);
    expect(await checkSurveyAlerts(db, services, world.tenantId, now, logger)).toBe(0);
    expect(peer.messages).toHaveLength(2);
  });

  it("after a send refused part-way, the retry reaches only the recipients not yet sent (each exactly once)", async () => {
    // The second recipient is refused once with a 4xx, then accepted: the old loop re-sent the
    // alert to the first recipient on the retry.
    let refusedOnce = false;
    const flaky = await startSmtpPeer({
      verdict: (to) => (to === "accueil@lumiere.test" && !refusedOnce ? ((refusedOnce = true), "tempfail") : "accept"),
    });
    const flakyServices: SurveyServices = { ...services, mail: createMailTransport(flaky.url, { ignoreTls: true, pool: false }) };
    try {
      const world = await createSurveyWorld(db, master);
      const performanceId = await addPerformance(db, world, new Date("2026-12-01T21:30:00Z"));
      const [spectatorId] = await addAttendees(db, master, world, [performanceId], [{ email: "b@example.test" }]);
      const now = new Date("2026-12-03T10:00:00Z");
      const recipients = ["direction@lumiere.test", "accueil@lumiere.test", "technique@lumiere.test"];
      await withTenant(db, world.tenantId, async (tx) => {
        await tx.survey.update({
          where: { tenantId_id: { tenantId: world.tenantId, id: world.surveyId } },
          data: { minResponses: 1, settings: { alerts: { recipients, npsBelow: 0 } } },
        });
        const inv = await tx.surveyInvitation.create({
          data: { tenantId: world.tenantId, surveyId: world.surveyId, spectatorId: spectatorId!, performanceId, performanceIds: [performanceId], tokenHash: new Uint8Array(32), scheduledFor: now, status: "completed" },
        });
        await tx.surveyResponse.create({
          data: { tenantId: world.tenantId, invitationId: inv.id, surveyId: world.surveyId, version: 1, nps: 1, answers: { nps: 1 }, completedAt: now, updatedAt: now },
        });
      });
      const { logger, lines } = captureLogger("warn");
      expect(await checkSurveyAlerts(db, flakyServices, world.tenantId, now, logger)).toBe(0);
      expect(flaky.refusals).toEqual([{ recipient: "accueil@lumiere.test", code: 450 }]);
      expect(flaky.messages.map((m) => m.envelope.to[0])).toEqual(["direction@lumiere.test"]);
      expect(lines.some((l) => String(l.msg).includes("retried next tick"))).toBe(true);

      expect(await checkSurveyAlerts(db, flakyServices, world.tenantId, now, logger)).toBe(1);
      await flaky.waitForMessages(3);
      expect(flaky.messages.map((m) => m.envelope.to[0]).sort()).toEqual([...recipients].sort());
      expect(await checkSurveyAlerts(db, flakyServices, world.tenantId, now, logger)).toBe(0);
      expect(flaky.messages).toHaveLength(3);
      const ledger = await withTenant(db, world.tenantId, (tx) => tx.surveyAlertDelivery.findMany({ where: { tenantId: world.tenantId }, orderBy: { recipient: "asc" } }));
      expect(ledger.map((d) => [d.recipient, d.status])).toEqual(recipients.map((r) => [r, "sent"]).sort());
    } finally {
      flakyServices.mail?.close();
      await flaky.stop();
    }
  });
});
