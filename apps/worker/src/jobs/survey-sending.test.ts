// The parallel, pipelined sender on real PostgreSQL and a real SMTP peer: several lanes share the
// pooled connections, the next batch is claimed while one is on the wire, outcomes are written in
// the background. A refusal in one lane must neither lose nor duplicate the others' messages, and
// no invitation may be left "sending" once a run is over.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant, type Database } from "@rappel/db";
import { createMailTransport } from "@rappel/mail";
import { startSmtpPeer, type SmtpPeer, type TPeerVerdict } from "@rappel/mail/testing";
import { captureLogger, openAppDatabase, openOwnerDatabase } from "../testing/fixtures";
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
const tick = (tenantId: string) => handlers.plan.handle({ tenantId }, { db, clock, logger, signal: new AbortController().signal });
const statuses = async (world: SurveyWorld) => {
  const rows = await withTenant(db, world.tenantId, (tx) => tx.surveyInvitation.findMany({ where: { tenantId: world.tenantId }, select: { status: true } }));
  return rows.map((r) => r.status);
};
const count = (rows: string[], status: string) => rows.filter((s) => s === status).length;
const received = () => peer.messages.map((m) => m.envelope.to[0]!);

beforeAll(async () => {
  db = openAppDatabase();
  peer = await startSmtpPeer({ verdict: (r) => verdict(r) });
  services = {
    master,
    mail: createMailTransport(peer.url, { ignoreTls: true, maxConnections: 3 }),
    appUrl: "https://rappel.test",
    from: "Théâtre <enquetes@rappel.test>",
    // Six lanes over three connections, batches of seven: 40 invitations take six claims.
    sendConcurrency: 6,
    claimBatch: 7,
  };
});
afterAll(async () => {
  services.mail?.close();
  await peer.stop();
  await db.$disconnect();
});

describe("parallel survey sending", () => {
  it("sends every invitation once across lanes and batches; a refusal in one lane loses and duplicates nothing", async () => {
    const world = await createSurveyWorld(db, master, { quietStartHour: 0, quietEndHour: 0 });
    const performanceId = await addPerformance(db, world, new Date("2026-12-15T15:00:00Z"));
    const emails = Array.from({ length: 40 }, (_, i) => `p${i}@example.test`);
    await addAttendees(db, master, world, [performanceId], emails.map((email) => ({ email })));
    // One permanent refusal and one temporary one, somewhere among the parallel sends.
    verdict = (r) => (r === "p5@example.test" ? "permfail" : r === "p23@example.test" ? "tempfail" : "accept");
    clock.current = new Date("2026-12-15T18:00:00Z");
    await tick(world.tenantId);

    // First run: it stopped after the batch that met the temporary refusal (and gave back the
    // batch claimed ahead). Whatever was sent is recorded sent, and nothing else.
    const firstRun = received();
    expect(new Set(firstRun).size).toBe(firstRun.length);
    expect(firstRun).not.toContain("p23@example.test");
    let rows = await statuses(world);
    expect(rows).not.toContain("sending");
    expect(count(rows, "sent")).toBe(firstRun.length);
    expect(count(rows, "bounced")).toBeLessThanOrEqual(1); // p5, when its batch was reached
    expect(count(rows, "scheduled")).toBe(40 - firstRun.length - count(rows, "bounced"));
    expect(count(rows, "scheduled")).toBeGreaterThanOrEqual(1); // p23 at least

    // Second run, the server accepts again: the rest goes out, once.
    verdict = (r) => (r === "p5@example.test" ? "permfail" : "accept");
    clock.current = new Date("2026-12-15T18:01:00Z");
    await tick(world.tenantId);
    await peer.waitForMessages(39);
    await new Promise((r) => setTimeout(r, 200));
    const all = received();
    expect(all).toHaveLength(39);
    expect([...all].sort()).toEqual(emails.filter((e) => e !== "p5@example.test").sort());
    rows = await statuses(world);
    expect(count(rows, "sent")).toBe(39);
    expect(count(rows, "bounced")).toBe(1);
    const plan = await withTenant(db, world.tenantId, (tx) => tx.surveyDispatchPlan.findFirstOrThrow({ where: { tenantId: world.tenantId } }));
    expect(plan.status).toBe("done");
    const hardBounced = await withTenant(db, world.tenantId, (tx) => tx.surveyExclusion.count({ where: { tenantId: world.tenantId, list: "hard_bounced" } }));
    expect(hardBounced).toBe(1);
  });

  it("when recording outcomes fails, what was sent stays visible as sending and is never sent again", async () => {
    const world = await createSurveyWorld(db, master, { quietStartHour: 0, quietEndHour: 0 });
    const performanceId = await addPerformance(db, world, new Date("2026-12-16T15:00:00Z"));
    const emails = Array.from({ length: 10 }, (_, i) => `w${i}@example.test`);
    await addAttendees(db, master, world, [performanceId], emails.map((email) => ({ email })));
    peer.clear();
    verdict = () => "accept";
    // A real refusal from PostgreSQL (as a failing database would give): this tenant's
    // invitations cannot become "sent".
    const owner = openOwnerDatabase();
    const name = `test_refuse_sent_${world.tenantId.replaceAll("-", "")}`;
    await owner.$executeRawUnsafe(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.status = 'sent' AND NEW.tenant_id = '${world.tenantId}' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$`);
    await owner.$executeRawUnsafe(`CREATE TRIGGER ${name} BEFORE UPDATE ON survey_invitation FOR EACH ROW EXECUTE FUNCTION ${name}()`);
    try {
      clock.current = new Date("2026-12-16T18:00:00Z");
      expect(await tick(world.tenantId)).toMatchObject({ dispatched: 0, failed: 1 });
    } finally {
      await owner.$executeRawUnsafe(`DROP TRIGGER ${name} ON survey_invitation`);
      await owner.$executeRawUnsafe(`DROP FUNCTION ${name}()`);
      await owner.$disconnect();
    }
    const firstRun = received();
    expect(firstRun.length).toBeGreaterThanOrEqual(1);
    let rows = await statuses(world);
    expect(count(rows, "sending")).toBe(firstRun.length);
    expect(count(rows, "scheduled")).toBe(10 - firstRun.length);

    // The next run sends only what was never claimed: the "sending" rows are not sent twice.
    clock.current = new Date("2026-12-16T18:01:00Z");
    await tick(world.tenantId);
    await new Promise((r) => setTimeout(r, 200));
    const all = received();
    expect([...all].sort()).toEqual([...emails].sort());
    rows = await statuses(world);
    expect(count(rows, "sending")).toBe(firstRun.length);
    expect(count(rows, "sent")).toBe(10 - firstRun.length);
  });
});
