// Key rotation without downtime: data keys are re-wrapped under a new master key while a reader,
// holding the keyring [new, old], keeps opening identifiers the whole time.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant, type Database } from "@rappel/db";
import { loadIdentityCodec, MissingDataKeyError, rewrapTenantDataKeys, type MasterKey } from "@rappel/personal-data";
import { addSpectator, createTestTenant, openAppDatabase, testMaster } from "./testing/fixtures";

let db: Database;
beforeAll(() => {
  db = openAppDatabase();
});
afterAll(async () => db.$disconnect());

describe("master key rotation", () => {
  it("re-wraps every data key under the new master key while reads keep working", async () => {
    const tenants = [await createTestTenant(db), await createTestTenant(db), await createTestTenant(db)];
    const ids: string[] = [];
    for (const t of tenants) ids.push((await addSpectator(db, t, { email: `rot-${t.tenantId.slice(0, 6)}@example.test`, lastName: "Rotation" })).spectatorId);
    const next: MasterKey = { id: "mk2", key: randomBytes(32) };
    const ring = [next, testMaster];

    let stop = false;
    let reads = 0;
    const failures: unknown[] = [];
    const reader = (async () => {
      while (!stop) {
        for (const [i, t] of tenants.entries()) {
          try {
            const name = await withTenant(db, t.tenantId, async (tx) => {
              const codec = await loadIdentityCodec(tx, t.tenantId, ring);
              const row = await tx.spectator.findFirstOrThrow({ where: { tenantId: t.tenantId, id: ids[i]! } });
              return codec.openIdentity(row).lastName;
            });
            if (name !== "Rotation") failures.push(new Error(`read ${name}`));
            reads += 1;
          } catch (error) {
            failures.push(error);
          }
        }
      }
    })();
    for (const t of tenants) {
      expect(await withTenant(db, t.tenantId, (tx) => rewrapTenantDataKeys(tx, t.tenantId, testMaster, next))).toBe(1);
    }
    stop = true;
    await reader;
    expect(failures).toEqual([]);
    expect(reads).toBeGreaterThan(0);

    for (const [i, t] of tenants.entries()) {
      await withTenant(db, t.tenantId, async (tx) => {
        // The new key alone opens the data; the old one alone no longer does.
        const codec = await loadIdentityCodec(tx, t.tenantId, next);
        const row = await tx.spectator.findFirstOrThrow({ where: { tenantId: t.tenantId, id: ids[i]! } });
        expect(codec.openIdentity(row).lastName).toBe("Rotation");
        // Blind indexes are unchanged: a lookup by e-mail still finds the person.
        expect(await tx.spectator.count({ where: { tenantId: t.tenantId, emailBidx: codec.emailIndex(`rot-${t.tenantId.slice(0, 6)}@example.test`)! } })).toBe(1);
        await expect(loadIdentityCodec(tx, t.tenantId, testMaster)).rejects.toThrow(MissingDataKeyError);
        // Running it again is a no-op.
        expect(await rewrapTenantDataKeys(tx, t.tenantId, testMaster, next)).toBe(0);
      });
    }
  });
});
