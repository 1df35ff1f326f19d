import { randomBytes } from "node:crypto";
import { createDatabase, type Database } from "@rappel/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listDocumentHistory } from "./documents";
import { createDpia, getDpia, listDpias, updateDpia } from "./dpias";

let db: Database;
let actor: { userId: string };
beforeAll(async () => {
  db = createDatabase(process.env.DATABASE_URL!);
  const dpo = await db.user.create({ data: { email: `dpo-${randomBytes(3).toString("hex")}@example.test`, name: "Dana", passwordHash: "x", platformRole: "dpo" } });
  actor = { userId: dpo.id };
});
afterAll(async () => db.$disconnect());

describe("DPIA store", () => {
  it("creates an empty DPIA, versions each change, and refuses a validation before the DPO's opinion", async () => {
    const dpia = await createDpia(db, actor, "Campagnes SMS");
    expect(dpia.reference).toMatch(/^AIPD-\d{3}$/);
    const risks = dpia.content.risks.map((r) => (r.risk === "illegitimate_access" ? { ...r, severity: 3, likelihood: 3 } : r));
    await updateDpia(db, actor, { id: dpia.id, content: { ...dpia.content, risks }, expectedVersion: 1, note: "cotation" });
    await expect(
      updateDpia(db, actor, { id: dpia.id, content: { ...dpia.content, risks, validation: { decision: "validated", by: "Direction", date: "2026-11-20", comment: "" } }, expectedVersion: 2 }),
    ).rejects.toThrow(/DPO's opinion/);
    const saved = await getDpia(db, dpia.id);
    expect(saved.content.risks[0]).toMatchObject({ severity: 3, likelihood: 3 });
    expect((await listDocumentHistory(db, "dpia", dpia.id)).map((v) => [v.version, v.note])).toEqual([[2, "cotation"], [1, "created"]]);
    expect((await listDpias(db)).some((d) => d.id === dpia.id)).toBe(true);
  });
});
