// Short links, the open pixel and the public pages' route handlers, against the real PostgreSQL
// (row-level security applies) and Redis (rate limits).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenantBatch, withTenant, type Database, type TenantBatch } from "@rappel/db";
import type { TestDatabase } from "@rappel/db/testing";
import { clearSurveyDefinitionCache } from "../lib/survey-definition-cache";
import { recordInvitationOpened, resolveInvitation, saveAnswers } from "./invitation";
import { getAnswerPage, getOpenPixel, getThanksPage } from "./page-routes";
import { createPublicWorld, openPublicTestDatabase, type PublicWorld } from "./testing/public-world";

let testDb: TestDatabase;
let db: Database;
let batch: TenantBatch;
let a: PublicWorld;
let b: PublicWorld;

beforeAll(async () => {
  ({ testDb, db } = await openPublicTestDatabase());
  batch = createTenantBatch(testDb.appUrl, { max: 2 });
  [a, b] = [await createPublicWorld(db), await createPublicWorld(db)];
});
afterAll(async () => {
  await batch?.end();
  await db?.$disconnect();
  await testDb?.drop();
});

const statusOf = async (w: PublicWorld) =>
  withTenant(db, w.tenantId, (tx) => tx.surveyInvitation.findUniqueOrThrow({ where: { tenantId_id: { tenantId: w.tenantId, id: w.invitationId } } }));
const get = (path: string) => new Request(`http://rappel.test${path}`, { headers: { "x-forwarded-for": "198.51.100.7" } });
// Replaces one character of the code's secret part with another of the alphabet.
const tamper = (code: string) => (code[0] === "a" ? "b" : "a") + code.slice(1);

describe("short links", () => {
  it("open the same invitation as the long token, and the long token keeps working", async () => {
    expect(a.code).toMatch(/^[0-9A-Za-z]{12,15}$/);
    const byCode = await resolveInvitation(db, a.code);
    const byToken = await resolveInvitation(db, a.token);
    expect(byCode).toMatchObject({ kind: "open", invitationId: a.invitationId, tenantId: a.tenantId });
    expect(byToken).toMatchObject({ kind: "open", invitationId: a.invitationId });
  });

  it("save answers through the short code", async () => {
    const outcome = await saveAnswers(db, b.code, { pageIndex: 0, answers: { nps: 9 }, advance: true, replaceQuestionIds: ["nps"] });
    expect(outcome).toMatchObject({ kind: "saved", nextPage: 1 });
    expect((await statusOf(b)).status).toBe("started");
  });

  it("name nothing when the secret is wrong, the tenant number is another tenant's, or no tenant's", async () => {
    expect(await resolveInvitation(db, tamper(a.code))).toEqual({ kind: "unknown" });
    // Tenant A's secret with tenant B's number: looked up in B's scope, where it matches nothing.
    const crossed = a.code.slice(0, 11) + b.code.slice(11);
    expect(await resolveInvitation(db, crossed)).toEqual({ kind: "unknown" });
    expect(await resolveInvitation(db, `${a.code.slice(0, 11)}zzz`)).toEqual({ kind: "unknown" });
    expect(await resolveInvitation(db, "../../etc/pa")).toEqual({ kind: "unknown" });
  });
});

describe("saving answers", () => {
  const responseOf = (w: PublicWorld) =>
    withTenant(db, w.tenantId, (tx) => tx.surveyResponse.findUniqueOrThrow({ where: { tenantId_invitationId: { tenantId: w.tenantId, invitationId: w.invitationId } } }));

  it("completes after the last page, keeps the completion and staff-edited topics when the spectator edits later", async () => {
    const w = await createPublicWorld(db);
    await saveAnswers(db, w.code, { pageIndex: 0, answers: { nps: 4, disappointed: "Le son était trop fort" }, advance: true, replaceQuestionIds: ["nps", "disappointed"] });
    const started = await responseOf(w);
    expect(started).toMatchObject({ nps: 4, currentPage: 1, completedAt: null });
    expect(started.topics).toContain("sound");
    expect((await statusOf(w)).status).toBe("started");

    const done = await saveAnswers(db, w.code, { pageIndex: 1, answers: { comment: "Accueil parfait" }, advance: true, replaceQuestionIds: ["aspects", "comment"] });
    expect(done).toMatchObject({ kind: "saved", nextPage: null, completed: true });
    const completed = await responseOf(w);
    expect(completed.completedAt).not.toBeNull();
    const invitation = await statusOf(w);
    expect(invitation).toMatchObject({ status: "completed" });
    expect(invitation.completedAt).toEqual(completed.completedAt);

    // Staff re-tag the verbatim; the spectator then edits page 1 without going to the end.
    await withTenant(db, w.tenantId, (tx) => tx.surveyResponse.update({ where: { tenantId_id: { tenantId: w.tenantId, id: completed.id } }, data: { topics: ["welcome"], topicsEdited: true } }));
    await saveAnswers(db, w.code, { pageIndex: 0, answers: { nps: 7 }, advance: false, replaceQuestionIds: ["nps", "disappointed"] });
    const edited = await responseOf(w);
    expect(edited).toMatchObject({ id: completed.id, nps: 7, topics: ["welcome"], completedAt: completed.completedAt });
    expect((await statusOf(w)).status).toBe("completed");
    const state = await resolveInvitation(db, w.code);
    expect(state.kind === "open" && state.answers).toEqual({ nps: 7, comment: "Accueil parfait" });
  });
});

describe("the open pixel", () => {
  it("raises sent to opened once, and never lowers a later status", async () => {
    const w = await createPublicWorld(db);
    expect(await recordInvitationOpened(db, w.code)).toBe(true);
    const opened = await statusOf(w);
    expect(opened.status).toBe("opened");
    expect(opened.openedAt).not.toBeNull();
    expect(await recordInvitationOpened(db, w.code)).toBe(false); // idempotent
    expect((await statusOf(w)).openedAt).toEqual(opened.openedAt);

    await saveAnswers(db, w.code, { pageIndex: 0, answers: { nps: 10 }, advance: true, replaceQuestionIds: ["nps"] });
    expect(await recordInvitationOpened(db, w.token)).toBe(false);
    expect((await statusOf(w)).status).toBe("started");
  });

  it("changes nothing when the page was opened first", async () => {
    const w = await createPublicWorld(db);
    await resolveInvitation(db, w.code);
    const viewed = await statusOf(w);
    expect(viewed.status).toBe("opened");
    expect(await recordInvitationOpened(db, w.code)).toBe(false);
    expect(await statusOf(w)).toEqual(viewed);
  });

  it("always answers a GIF, for a known link as for an unknown one", async () => {
    const w = await createPublicWorld(db);
    for (const link of [w.code, "nothing-here", tamper(w.code)]) {
      const res = await getOpenPixel(get(`/s/${link}/o.gif`), link);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/gif");
      expect(Buffer.from(await res.arrayBuffer()).subarray(0, 6).toString("latin1")).toBe("GIF89a");
    }
    expect((await statusOf(w)).status).toBe("opened");
  });
});

describe("the one-round-trip read", () => {
  it("gives the state the transaction gives, marks the first view opened, and loads what the caches miss", async () => {
    const w = await createPublicWorld(db);
    clearSurveyDefinitionCache();
    const first = await resolveInvitation(db, w.code, new Date(), undefined, batch);
    expect(first).toMatchObject({ kind: "open", invitationId: w.invitationId, status: "sent" });
    expect((await statusOf(w)).status).toBe("opened");
    await saveAnswers(db, w.code, { pageIndex: 0, answers: { nps: 4, disappointed: "L'acoustique" }, advance: false, replaceQuestionIds: ["nps", "disappointed"] });
    const viaBatch = await resolveInvitation(db, w.code, new Date(), undefined, batch);
    const viaTransaction = await resolveInvitation(db, w.code);
    expect(viaBatch).toEqual(viaTransaction);
    expect(viaBatch.kind === "open" && viaBatch.answers).toEqual({ nps: 4, disappointed: "L'acoustique" });
    expect(await resolveInvitation(db, tamper(w.code), new Date(), undefined, batch)).toEqual({ kind: "unknown" });
  });

  it("saves answers in two round trips like the transaction does (sealed texts, topics, status)", async () => {
    const w = await createPublicWorld(db);
    const first = await saveAnswers(db, w.code, { pageIndex: 0, answers: { nps: 3, disappointed: "Trop cher, l'accueil était froid" }, advance: true, replaceQuestionIds: ["nps", "disappointed"] }, new Date(), batch);
    expect(first).toMatchObject({ kind: "saved", nextPage: 1, completed: false });
    const state = await resolveInvitation(db, w.code);
    expect(state.kind === "open" && state.answers).toEqual({ nps: 3, disappointed: "Trop cher, l'accueil était froid" });
    expect(state.kind === "open" && state.currentPage).toBe(1);
    expect((await statusOf(w)).status).toBe("started");
    const response = await withTenant(db, w.tenantId, (tx) => tx.surveyResponse.findFirstOrThrow({ where: { tenantId: w.tenantId, invitationId: w.invitationId } }));
    expect(response.nps).toBe(3);
    expect(await saveAnswers(db, w.code, () => null, new Date(), batch)).toEqual({ kind: "unchanged" });
    expect(await saveAnswers(db, tamper(w.code), () => null, new Date(), batch)).toEqual({ kind: "unknown" });
  });

  it("records the open pixel once", async () => {
    const w = await createPublicWorld(db);
    expect(await recordInvitationOpened(db, w.code, new Date(), batch)).toBe(true);
    expect(await recordInvitationOpened(db, w.code, new Date(), batch)).toBe(false);
    expect((await statusOf(w)).status).toBe("opened");
  });
});

describe("the page route handlers", () => {
  it("render the answer page, escaping the spectator's text, with the link in the form's action", async () => {
    const w = await createPublicWorld(db);
    await saveAnswers(db, w.code, { pageIndex: 0, answers: { nps: 3, disappointed: `<script>alert("x")</script> & "son"` }, advance: false, replaceQuestionIds: ["nps", "disappointed"] });
    const res = await getAnswerPage(get(`/s/${w.code}`), w.code);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const html = await res.text();
    expect(html).toMatch(/^<!DOCTYPE html><html lang="fr">/);
    expect(html).toContain(`action="/s/${w.code}/answer"`);
    expect(html).toContain("&lt;script>alert(&quot;x&quot;)&lt;/script> &amp; &quot;son&quot;");
    expect(html).not.toContain("<script>");
    // The matrix of page 2 is not on page 1; the NPS is a fieldset with its legend, the score kept.
    expect(html).toMatch(/<fieldset class="sv-q"[^>]*><legend>Recommanderiez-vous ce spectacle à un proche \?/);
    expect(html).toMatch(/<input type="radio" name="q_nps" value="3" checked/);
  });

  it("record a score clicked in the e-mail and redirect to the page without it", async () => {
    const w = await createPublicWorld(db);
    const res = await getAnswerPage(get(`/s/${w.code}?nps=8`), w.code);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/s/${w.code}`);
    const state = await resolveInvitation(db, w.code);
    expect(state.kind === "open" && state.answers.nps).toBe(8);
  });

  it("answer a clear page, never a trace, for unknown links", async () => {
    const res = await getAnswerPage(get("/s/abcdefghijkZ"), "abcdefghijkZ");
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain("Lien inconnu");
    expect(html).not.toMatch(/Error|at [\w.]+ \(/);
  });

  it("answer a clear page for a closed survey, in the invitation's language", async () => {
    const w = await createPublicWorld(db);
    await withTenant(db, w.tenantId, async (tx) => {
      await tx.survey.update({ where: { tenantId_id: { tenantId: w.tenantId, id: w.surveyId } }, data: { status: "closed" } });
      await tx.surveyInvitation.update({ where: { tenantId_id: { tenantId: w.tenantId, id: w.invitationId } }, data: { language: "en" } });
    });
    const res = await getThanksPage(get(`/s/${w.code}/thanks`), w.code);
    expect(res.status).toBe(410);
    const html = await res.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("Survey closed");
  });
});
