// Saving a survey definition against a real, migrated PostgreSQL through the application role
// (RLS applies): an edit of a version without responses is saved in place, one that removes or
// retypes a core question is refused with nothing written, and a survey is only reachable
// through its own tenant.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, withTenant, type Database } from "@rappel/db";
import { createTestDatabase, createTwoTenants, type TenantRows, type TestDatabase } from "@rappel/db/testing";
import { createCoreSurvey, loadSurvey, saveDefinition } from "./queries";

let testDb: TestDatabase;
let db: Database;
let a: TenantRows;
let b: TenantRows;

beforeAll(async () => {
  testDb = await createTestDatabase("rappel_web_test");
  db = createDatabase(testDb.appUrl, { max: 2 });
  ({ a, b } = await createTwoTenants(db));
});

afterAll(async () => {
  await db?.$disconnect();
  await testDb?.drop();
});

describe("saving a survey definition", () => {
  it("saves in place, refuses to drop or retype a core question, and stays inside its tenant", async () => {
    const surveyId = await withTenant(db, a.tenantId, (tx) => createCoreSurvey(tx, a.tenantId, "Salle A", a.userId));
    const load = (tenantId: string) => withTenant(db, tenantId, (tx) => loadSurvey(tx, tenantId, surveyId));
    const saved = (await load(a.tenantId))!.definition;

    const edited = structuredClone(saved);
    edited.pages[0]!.questions[0]!.title = { fr: "Nouveau libellé", en: "New wording" };
    edited.pages[1]!.questions.push({ id: "bar", type: "yes_no", required: false, module: "custom", title: { fr: "Bar ?" } });
    expect(await withTenant(db, a.tenantId, (tx) => saveDefinition(tx, a.tenantId, surveyId, edited, a.userId))).toEqual({ version: 1 });
    expect((await load(a.tenantId))!.definition.pages[1]!.questions.map((q) => q.id)).toEqual(["aspects", "comment", "bar"]);

    const broken = structuredClone(edited);
    broken.pages[0]!.questions.splice(1, 1);
    broken.pages[1]!.questions[0] = { id: "aspects", type: "text", required: false, multiline: true, maxLength: 2000, title: { fr: "Aspects" } };
    const refused = await withTenant(db, a.tenantId, (tx) => saveDefinition(tx, a.tenantId, surveyId, broken, a.userId));
    expect("locked" in refused && refused.locked.map((i) => [i.code, i.questionId])).toEqual([
      ["core_removed", "disappointed"],
      ["core_retyped", "aspects"],
    ]);
    expect((await load(a.tenantId))!.definition).toEqual(edited);

    // Another tenant does not see the survey (RLS and the tenant in the key).
    expect(await load(b.tenantId)).toBeNull();
  });
});
