// Provisioning creates partitions under every partitioned parent; two provisionings at once took
// those locks in different orders and one died in a deadlock. They now queue on an advisory lock.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "./client";
import { provisionTenant } from "./tenants";

let db: Database;

beforeAll(() => {
  db = createDatabase(process.env.DATABASE_URL!, { max: 8 });
});
afterAll(async () => db.$disconnect());

describe("provisionTenant", () => {
  it("provisions several tenants at the same time without a deadlock", async () => {
    const run = randomBytes(3).toString("hex");
    const tenants = await Promise.all(
      Array.from({ length: 6 }, (_, i) => provisionTenant(db, { slug: `parallel-${run}-${i}`, name: `Parallel ${i}`, kind: "theatre" }, { userId: null })),
    );
    expect(new Set(tenants.map((t) => t.id)).size).toBe(6);
    const spectatorPartitions = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM pg_class WHERE relname = ANY (${tenants.map((t) => `spectator_${t.id.replace(/-/g, "")}`)})`;
    expect(Number(spectatorPartitions[0]?.n)).toBe(6);
  });
});
