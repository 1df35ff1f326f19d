// Survey dispatch end to end on real PostgreSQL and a real SMTP peer, with an injected clock:
// a performance ends → the planner plans the send (quiet hours) → at that time the invitations go
// out, once; moves, cancellations, fatigue, exclusions, retries and bounces.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { withTenant, type Database } from "@rappel/db";
import { createMailTransport } from "@rappel/mail";
import { startSmtpPeer, type SmtpPeer, type TPeerVerdict } from "@rappel/mail/testing";
import { readShortCodeLinkNumber } from "@rappel/survey";
import { captureLogger, openAppDatabase } from "../testing/fixtures";
import { addAttendees, addPerformance, createSurveyWorld, testMasterKey, type SurveyWorld } from "../testing/survey-fixtures";
import { createSurveyHandlers } from "./survey-dispatch";
import type { SurveyServices } from "./survey-services";

let db: Database;
let peer: SmtpPeer;
let verdict: (rcpt: string) => TPeerVerdict = () => "accept";
let services: SurveyServices;
const master = testMasterKey();
const clock = { current: new Date(), now: () => clock.current };
const { logger } = captureLogger("warn");
const handlers = createSurveyHandlers(() => services);
const context = () => ({ db, clock, logger, signal: new AbortController().signal });
const tick = (tenantId: string) => handlers.plan.handle({ tenantId }, context());
const plans = (world: SurveyWorld) =>
  withTenant(db, world.tenantId, (tx) => tx.surveyDispatchPlan.findMany({ where: { tenantId: world.tenantId }, orderBy: { plannedFor: "asc" } }));
const invitations = (world: SurveyWorld) =>
  withTenant(db, world.tenantId, (tx) => tx.surveyInvitation.findMany({ where: { tenantId: world.tenantId } }));

beforeAll(async () => {
  db = openAppDatabase();
  peer = await startSmtpPeer({ verdict: (r) => verdict(r) });
  services = {
    master,
    mail: createMailTransport(peer.url, { ignoreTls: true, maxConnections: 4 }),
    appUrl: "https://rappel.test",
    from: "Théâtre <enquetes@rappel.test>",
    sendConcurrency: 8,
  };
});
afterAll(async () => {
  services.mail?.close();
  await peer.stop();
  await db.$disconnect();
});
beforeEach(() => {
  peer.clear();
  verdict = () => "accept";
});

describe("survey dispatch", () => {
  it("plans from the real end time, holds for quiet hours, then sends once to every eligible person", async () => {
    const world = await createSurveyWorld(db, master);
    // Ends 22:30 Paris on 1 December; + 3 h = 01:30 → held until 09:00 Paris (08:00 UTC).
    const performanceId = await addPerformance(db, world, new Date("2026-12-01T21:30:00Z"));
    await addAttendees(db, master, world, [performanceId], [
      { email: "anne@example.test", firstName: "Anne" },
      { email: "ANNE@example.test" }, // the same address on a second record: one e-mail
      { email: "bob@example.test", language: "en", firstName: "Bob" },
      { email: null },
      { email: "nope@example.test", surveyConsent: "withdrawn" },
      { email: "out@example.test", lists: ["opted_out"] },
      { email: "gdpr@example.test", gdprRestricted: true },
      { email: "bounced@example.test", lists: ["hard_bounced"] },
      { email: "staff@example.test", lists: ["staff"] },
      { email: "archived@example.test", archived: true }, // past its active retention period
    ]);

    clock.current = new Date("2026-12-01T23:00:00Z");
    await tick(world.tenantId);
    expect((await plans(world)).map((p) => [p.kind, p.status, p.plannedFor.toISOString()])).toEqual([
      ["initial", "planned", "2026-12-02T08:00:00.000Z"],
    ]);
    expect(peer.messages).toHaveLength(0);

    clock.current = new Date("2026-12-02T07:59:00Z");
    await tick(world.tenantId);
    expect(peer.messages).toHaveLength(0);

    clock.current = new Date("2026-12-02T08:00:30Z");
    await tick(world.tenantId);
    await peer.waitForMessages(2);
    expect(peer.messages.map((m) => m.envelope.to[0]!.toLowerCase()).sort()).toEqual(["anne@example.test", "bob@example.test"]);
    const [plan] = await plans(world);
    expect(plan).toMatchObject({ status: "done" });
    expect(plan!.summary).toMatchObject({
      invited: 2, sent: 2,
      excluded: { no_email: 1, no_survey_consent: 1, opted_out: 1, restricted: 1, hard_bounced: 1, staff: 1 },
    });

    const anne = peer.messages.find((m) => m.envelope.to[0]!.toLowerCase() === "anne@example.test")!;
    expect(anne.subject).toBe("votre avis sur Le Misanthrope");
    expect(anne.text).toMatch(/Bonjour( Anne)?,/);
    expect(anne.text).toMatch(/Le Misanthrope — Grande salle, 1 décembre 2026/);
    const links = anne.text.match(/https:\/\/rappel\.test\/s\/[A-Za-z0-9_-]+\?nps=\d+/g) ?? [];
    expect(links).toHaveLength(11);
    // The e-mail carries the short link (the long token keeps working for older e-mails) and the open pixel.
    const token = /\/s\/([A-Za-z0-9_-]+)/.exec(links[0]!)![1]!;
    expect(token).toMatch(/^[0-9A-Za-z]{12,15}$/);
    const tenant = await db.tenant.findUniqueOrThrow({ where: { id: world.tenantId }, select: { linkNumber: true } });
    expect(readShortCodeLinkNumber(token)).toBe(tenant.linkNumber);
    expect(anne.html).toContain(`/s/${token}/preferences`);
    expect(anne.html).toContain(`<img src="https://rappel.test/s/${token}/o.gif" width="1" height="1" alt=""`);
    // Every message links to the venue's data-protection request form.
    expect(anne.text).toContain(`https://rappel.test/privacy/${world.tenantSlug}`);
    expect(anne.headers.get("list-unsubscribe")).toBe(`<https://rappel.test/s/${token}/unsubscribe>`);
    expect(anne.headers.get("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    const bob = peer.messages.find((m) => m.envelope.to[0] === "bob@example.test")!;
    expect(bob.subject).toBe("what did you think of Le Misanthrope?");

    // The token is not stored: only its hash.
    const stored = await invitations(world);
    expect(stored.every((i) => i.status === "sent" && i.sentAt?.toISOString() === "2026-12-02T08:00:30.000Z")).toBe(true);
    expect(JSON.stringify(stored)).not.toContain(token);

    // Idempotent: another tick, a forced re-run of the plan (as after a crash before it was marked
    // done) and a direct job delivery send nothing more.
    await tick(world.tenantId);
    await withTenant(db, world.tenantId, (tx) => tx.surveyDispatchPlan.updateMany({ where: { tenantId: world.tenantId }, data: { status: "planned" } }));
    await tick(world.tenantId);
    expect(await handlers.dispatch.handle({ tenantId: world.tenantId, planId: plan!.id }, context())).toEqual({ status: "already-done" });
    await new Promise((r) => setTimeout(r, 300));
    expect(peer.messages).toHaveLength(2);
    expect(await invitations(world)).toHaveLength(2);
  });

  it("moves the plan with the performance, and cancels it (no e-mail) when the performance is cancelled", async () => {
    const world = await createSurveyWorld(db, master);
    const performanceId = await addPerformance(db, world, new Date("2026-12-05T16:00:00Z")); // 17:00 Paris
    await addAttendees(db, master, world, [performanceId], [{ email: "carla@example.test" }]);
    clock.current = new Date("2026-12-05T12:00:00Z");
    await tick(world.tenantId);
    expect((await plans(world))[0]!.plannedFor.toISOString()).toBe("2026-12-05T19:00:00.000Z"); // 20:00 Paris

    await withTenant(db, world.tenantId, (tx) =>
      tx.performance.update({ where: { tenantId_id: { tenantId: world.tenantId, id: performanceId } }, data: { endsAt: new Date("2026-12-06T15:00:00Z"), status: "moved" } }),
    );
    await tick(world.tenantId);
    expect((await plans(world))[0]).toMatchObject({ status: "planned", performanceEndsAt: new Date("2026-12-06T15:00:00Z"), plannedFor: new Date("2026-12-06T18:00:00Z") });

    await withTenant(db, world.tenantId, (tx) =>
      tx.performance.update({ where: { tenantId_id: { tenantId: world.tenantId, id: performanceId } }, data: { status: "cancelled" } }),
    );
    clock.current = new Date("2026-12-06T19:00:00Z");
    await tick(world.tenantId);
    expect((await plans(world))[0]).toMatchObject({ status: "cancelled" });
    await new Promise((r) => setTimeout(r, 200));
    expect(peer.messages).toHaveLength(0);
  });

  it("applies fatigue across surveys, skips complimentary-only holders when configured, and sends reminders to non-respondents", async () => {
    const world = await createSurveyWorld(db, master, { reminderAfterDays: 3, excludeComplimentary: true });
    const first = await addPerformance(db, world, new Date("2026-12-10T15:00:00Z"));
    const second = await addPerformance(db, world, new Date("2026-12-20T15:00:00Z"));
    await addAttendees(db, master, world, [first, second], [{ email: "dora@example.test" }]);
    await addAttendees(db, master, world, [second], [{ email: "eve@example.test" }]);
    await addAttendees(db, master, world, [second], [{ email: "guest@example.test" }], { complimentary: true });

    clock.current = new Date("2026-12-10T18:00:00Z");
    await tick(world.tenantId);
    expect(peer.messages.map((m) => m.envelope.to[0])).toEqual(["dora@example.test"]);

    // Reminder three days later (09:00 rule does not apply: 19:00 Paris is allowed).
    clock.current = new Date("2026-12-13T18:00:00Z");
    await tick(world.tenantId);
    await peer.waitForMessages(2);
    expect(peer.messages[1]!.subject).toBe("Rappel : votre avis sur Le Misanthrope");

    clock.current = new Date("2026-12-20T18:00:00Z");
    peer.clear();
    await tick(world.tenantId);
    await peer.waitForMessages(1);
    await new Promise((r) => setTimeout(r, 200));
    // Dora was asked 10 days ago (fatigue: 30 days); the guest only holds a complimentary ticket.
    expect(peer.messages.map((m) => m.envelope.to[0])).toEqual(["eve@example.test"]);
    const initial = (await plans(world)).find((p) => p.performanceId === second && p.kind === "initial");
    expect(initial!.summary).toMatchObject({ excluded: { fatigue: 1, complimentary: 1 } });
  });

  it("groups a festival-goer's performances into one invitation sent after the last", async () => {
    const world = await createSurveyWorld(db, master, { festivalWindowHours: 30 });
    const day1 = await addPerformance(db, world, new Date("2026-07-10T15:00:00Z"));
    const day2 = await addPerformance(db, world, new Date("2026-07-11T15:00:00Z"));
    await addAttendees(db, master, world, [day1, day2], [{ email: "fest@example.test" }]);
    clock.current = new Date("2026-07-09T12:00:00Z");
    await tick(world.tenantId); // plans both
    clock.current = new Date("2026-07-10T18:05:00Z");
    await tick(world.tenantId);
    await new Promise((r) => setTimeout(r, 200));
    expect(peer.messages).toHaveLength(0);
    clock.current = new Date("2026-07-11T18:05:00Z");
    await tick(world.tenantId);
    const [mail] = await peer.waitForMessages(1);
    expect(mail!.text).toMatch(/Vous avez assisté à :/);
    expect(mail!.text.match(/Le Misanthrope — Grande salle/g)).toHaveLength(2);
    const [inv] = await invitations(world);
    expect(inv!.performanceIds).toEqual([day1, day2]);
  });

  it("gives a temporary refusal back for the next run, and marks a permanent one bounced", async () => {
    const world = await createSurveyWorld(db, master);
    const performanceId = await addPerformance(db, world, new Date("2026-12-15T15:00:00Z"));
    await addAttendees(db, master, world, [performanceId], [{ email: "busy@example.test" }, { email: "gone@example.test" }, { email: "ok@example.test" }]);
    verdict = (r) => (r === "busy@example.test" ? "tempfail" : r === "gone@example.test" ? "permfail" : "accept");
    clock.current = new Date("2026-12-15T18:00:00Z");
    await tick(world.tenantId);
    await peer.waitForMessages(1);
    let rows = await invitations(world);
    expect(rows.map((r) => r.status).sort()).toEqual(["bounced", "scheduled", "sent"]);
    expect((await plans(world))[0]!.status).toBe("planned");
    const hardBounced = await withTenant(db, world.tenantId, (tx) => tx.surveyExclusion.count({ where: { tenantId: world.tenantId, list: "hard_bounced" } }));
    expect(hardBounced).toBe(1);

    verdict = () => "accept";
    clock.current = new Date("2026-12-15T18:01:00Z");
    await tick(world.tenantId);
    await peer.waitForMessages(2);
    await new Promise((r) => setTimeout(r, 200));
    expect(peer.messages.map((m) => m.envelope.to[0])).toEqual(["ok@example.test", "busy@example.test"]);
    rows = await invitations(world);
    expect(rows.map((r) => r.status).sort()).toEqual(["bounced", "sent", "sent"]);
    expect((await plans(world))[0]!.status).toBe("done");
  });
});
