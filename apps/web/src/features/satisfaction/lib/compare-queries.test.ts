// The comparison's groups loaded from real PostgreSQL (application role, RLS): two survey versions
// whose questions really differ, performances of the same show and shows against each other (on
// the current version's questions, older answers counted by question id where both versions ask
// the same question), and ids of another tenant or of another show that must match nothing.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, withTenant, type Database, type Tx } from "@rappel/db";
import { createTestDatabase, createTwoTenants, type TenantRows, type TestDatabase } from "@rappel/db/testing";
import { compareResults, createCoreDefinition, QUESTION_BANK, type TQuestion } from "@rappel/survey";
import { loadComparisonChoices, loadComparisonGroups } from "./compare-queries";

let testDb: TestDatabase;
let db: Database;
let a: TenantRows;
let b: TenantRows;
let surveyId: string;
let secondShowId: string;
let performances: { p1: string; p2: string; p3: string };

// Version 1 asks about the bar and whether they will come back (yes/no); version 2 drops the bar,
// adds the interval and asks "come back" again under the same id as a rating (retyped).
const bank = (id: string) => QUESTION_BANK.find((q) => q.id === id)!;
const core = createCoreDefinition();
const withFirstPage = (...extra: TQuestion[]) => ({ ...core, pages: [{ ...core.pages[0]!, questions: [...core.pages[0]!.questions, ...extra] }, core.pages[1]!] });
const v1 = withFirstPage(bank("bar"), bank("come_back"));
const v2 = withFirstPage(bank("interval"), { ...bank("bar"), id: "come_back", title: { fr: "Envie de revenir (1 à 5) ?" } });
const V1_AT = new Date("2026-10-01T00:00:00Z");
const V2_AT = new Date("2026-11-01T00:00:00Z");

async function answer(tx: Tx, tenantId: string, performanceId: string, sentAt: Date, version: number | null, nps: number, extra: Record<string, unknown> = {}) {
  const spectator = await tx.spectator.create({ data: { tenantId, emailEnc: randomBytes(32), emailBidx: randomBytes(32) } });
  const invitation = await tx.surveyInvitation.create({
    data: {
      tenantId, surveyId, spectatorId: spectator.id, performanceId, performanceIds: [performanceId], tokenHash: randomBytes(32),
      scheduledFor: sentAt, sentAt, status: version === null ? "sent" : "completed",
    },
  });
  if (version === null) return;
  await tx.surveyResponse.create({
    data: { tenantId, invitationId: invitation.id, surveyId, version, nps, answers: { nps, ...extra } as object, completedAt: sentAt, currentPage: 2 },
  });
}

beforeAll(async () => {
  testDb = await createTestDatabase("rappel_web_compare_test");
  db = createDatabase(testDb.appUrl, { max: 4 });
  ({ a, b } = await createTwoTenants(db));
  const tenantId = a.tenantId;
  await withTenant(db, tenantId, async (tx) => {
    const survey = await tx.survey.create({ data: { tenantId, name: "Après le spectacle", status: "active", minResponses: 2, currentVersion: 2 } });
    surveyId = survey.id;
    await tx.surveyVersion.create({ data: { tenantId, surveyId, version: 1, definition: v1 as object, createdAt: V1_AT } });
    await tx.surveyVersion.create({ data: { tenantId, surveyId, version: 2, definition: v2 as object, createdAt: V2_AT } });
    const at = (iso: string) => new Date(iso);
    const p2 = await tx.performance.create({ data: { tenantId, showId: a.showId, venueId: a.venueId, startsAt: at("2026-11-10T19:00:00Z"), endsAt: at("2026-11-10T21:00:00Z"), capacity: 500 } });
    const show2 = await tx.show.create({ data: { tenantId, title: "Les Bonnes", genre: "theatre" } });
    secondShowId = show2.id;
    const p3 = await tx.performance.create({ data: { tenantId, showId: show2.id, venueId: a.venueId, startsAt: at("2026-11-12T19:00:00Z"), endsAt: at("2026-11-12T21:00:00Z"), capacity: 500 } });
    performances = { p1: a.performanceId, p2: p2.id, p3: p3.id };
    // Version 1 (sent in October) on the show's first performance: three promoters, one passive
    // and one invitation left unanswered.
    for (const nps of [10, 9, 10, 8]) await answer(tx, tenantId, a.performanceId, at("2026-10-15T10:00:00Z"), 1, nps, { aspects: { sound: 4 }, bar: 4, come_back: true });
    await answer(tx, tenantId, a.performanceId, at("2026-10-15T10:00:00Z"), null, 0);
    // Version 2 (sent in November) on the second performance: detractors who found the interval too long.
    for (const nps of [3, 2, 9]) await answer(tx, tenantId, p2.id, at("2026-11-11T10:00:00Z"), 2, nps, { interval: nps < 7 ? "too_long" : "right", come_back: nps });
    // The other show: one answer only, below the minimum of 2.
    await answer(tx, tenantId, p3.id, at("2026-11-13T10:00:00Z"), 2, 10, { interval: "right" });
  });
});

afterAll(async () => {
  await db?.$disconnect();
  await testDb?.drop();
});

describe("comparison groups", () => {
  it("compares survey versions on their own questions, with the invitations sent while each was current", async () => {
    const { groups, notComparable } = await withTenant(db, a.tenantId, (tx) => loadComparisonGroups(tx, a.tenantId, { mode: "versions", surveyId, keys: ["1", "2"] }));
    expect(notComparable).toEqual([]);
    expect(groups.map((g) => [g.key, g.rows.length, g.delivered])).toEqual([["1", 4, 5], ["2", 4, 4]]);
    const c = compareResults(groups, 2);
    expect(c.groups.map((g) => [g.nps.nps, g.responseRate])).toEqual([[75, 80], [0, 100]]);
    const interval = c.questions.find((q) => q.question.id === "interval")!;
    expect(interval.cells[0]).toEqual({ present: false });
    expect(interval.cells[1]).toMatchObject({ answered: 4, shares: expect.arrayContaining([{ id: "too_long", count: 2, share: 50 }]) });
    expect(c.questions.find((q) => q.question.id === "aspects")!.cells[0]).toMatchObject({ rows: expect.arrayContaining([{ id: "sound", average: 4 }]) });
    // Each version on its own questions: the retyped one is version 1's yes/no, absent from version 2.
    const comeBack = c.questions.find((q) => q.question.id === "come_back")!;
    expect(comeBack.question.type).toBe("yes_no");
    expect(comeBack.cells.map((cell) => cell.present)).toEqual([true, false]);
  });

  it("compares performances of the same show and drops a performance of another show", async () => {
    const { groups, notComparable } = await withTenant(db, a.tenantId, (tx) =>
      loadComparisonGroups(tx, a.tenantId, { mode: "performances", surveyId, showId: a.showId, keys: [performances.p2, performances.p1, performances.p3] }),
    );
    expect(groups.map((g) => [g.key, g.rows.length, g.delivered])).toEqual([[performances.p2, 3, 3], [performances.p1, 4, 5]]);
    const c = compareResults(groups, 2);
    expect(c.groups[0]!.nps.nps).toBe(-33.3);
    expect(c.groups[1]!.versusReference).toMatchObject({ difference: 108.3 });
    // The current version's questions only (version 1's bar is not among them)…
    expect(c.questions.map((q) => q.question.id)).toEqual(["nps", "interval", "come_back", "aspects"]);
    // …with version 1's answers counted by id where version 1 asked the same question…
    const cell = (id: string, group: number) => c.questions.find((q) => q.question.id === id)!.cells[group]!;
    expect(cell("aspects", 1)).toMatchObject({ answered: 4, rows: expect.arrayContaining([{ id: "sound", average: 4 }]) });
    expect(cell("nps", 1)).toMatchObject({ answered: 4, average: 9.3 });
    // …and not where it did not: no interval, and its yes/no "come back" is not read as a rating.
    expect(cell("interval", 1)).toMatchObject({ present: true, answered: 0 });
    expect(cell("come_back", 1)).toMatchObject({ present: true, answered: 0, average: null });
    expect(cell("come_back", 0)).toMatchObject({ answered: 3, average: 4.7 });
    expect(notComparable).toEqual([
      { id: "interval", title: bank("interval").title, inCurrent: true, versions: [1] },
      { id: "come_back", title: { fr: "Envie de revenir (1 à 5) ?" }, inCurrent: true, versions: [1] },
      { id: "bar", title: bank("bar").title, inCurrent: false, versions: [1] },
    ]);
  });

  it("says nothing is incomparable when every compared response answered the current version", async () => {
    const { groups, notComparable } = await withTenant(db, a.tenantId, (tx) =>
      loadComparisonGroups(tx, a.tenantId, { mode: "performances", surveyId, showId: a.showId, keys: [performances.p2, performances.p2] }),
    );
    expect(groups.map((g) => g.key)).toEqual([performances.p2]);
    expect(notComparable).toEqual([]);
  });

  it("compares shows, hiding the one below the minimum", async () => {
    const { groups, notComparable } = await withTenant(db, a.tenantId, (tx) => loadComparisonGroups(tx, a.tenantId, { mode: "shows", surveyId, keys: [a.showId, secondShowId] }));
    expect(notComparable.map((q) => q.id)).toEqual(["interval", "come_back", "bar"]);
    expect(groups.map((g) => [g.key, g.label.startsWith("Spectacle a") || g.label, g.rows.length, g.delivered])).toEqual([[a.showId, true, 7, 8], [secondShowId, "Les Bonnes", 1, 1]]);
    const c = compareResults(groups, 2);
    expect(c.groups[1]).toMatchObject({ responses: 1, nps: { suppressed: true, nps: null }, versusReference: null });
  });

  it("offers the survey's versions, its shows and a show's performances", async () => {
    const choices = await withTenant(db, a.tenantId, (tx) => loadComparisonChoices(tx, a.tenantId, surveyId, a.showId));
    expect(choices.versions.map((v) => [v.key, v.responses])).toEqual([["1", 4], ["2", 4]]);
    expect(choices.shows.map((s) => [s.key, s.responses])).toEqual([[secondShowId, 1], [a.showId, 7]]);
    expect(choices.performances.map((p) => p.key)).toEqual([performances.p2, performances.p1]); // by date
  });

  it("matches nothing across tenants: another tenant's survey, shows or performances", async () => {
    // Tenant b asking for tenant a's survey gets nothing, and sees no choices.
    expect(await withTenant(db, b.tenantId, (tx) => loadComparisonGroups(tx, b.tenantId, { mode: "versions", surveyId, keys: ["1", "2"] }))).toEqual({ groups: [], notComparable: [] });
    expect(await withTenant(db, b.tenantId, (tx) => loadComparisonChoices(tx, b.tenantId, surveyId, a.showId))).toEqual({ versions: [], shows: [], performances: [] });
    // Tenant a naming tenant b's show next to its own: only its own is compared.
    const { groups } = await withTenant(db, a.tenantId, (tx) => loadComparisonGroups(tx, a.tenantId, { mode: "shows", surveyId, keys: [b.showId, a.showId] }));
    expect(groups.map((g) => g.key)).toEqual([a.showId]);
  });
});
