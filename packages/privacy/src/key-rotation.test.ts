// Key rotation without downtime: data keys are re-wrapped under a new master key while a reader,
// holding the keyring [new, old], keeps opening identifiers the whole time.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant, type Database } from "@rappel/db";
import { loadIdentityCodec, masterKeyFromEnv, MissingDataKeyError, rewrapTenantDataKeys, type MasterKey } from "@rappel/personal-data";
import { countTenantsByMasterKey, rotateMasterKey } from "./key-rotation";
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

  it("rotates every tenant to the configured key (env keyring), audited per tenant, while reads keep working", async () => {
    const tenants = [await createTestTenant(db), await createTestTenant(db)];
    const tenantIds = tenants.map((t) => t.tenantId);
    const ids: string[] = [];
    for (const t of tenants) ids.push((await addSpectator(db, t, { email: `env-${t.tenantId.slice(0, 6)}@example.test`, lastName: "Clavier" })).spectatorId);
    // What web and worker build from MASTER_KEY(_ID) + MASTER_KEY_PREVIOUS(_ID).
    const configured = masterKeyFromEnv({
      MASTER_KEY: randomBytes(32).toString("base64"), MASTER_KEY_ID: "mk-next",
      MASTER_KEY_PREVIOUS: testMaster.key.toString("base64"), MASTER_KEY_PREVIOUS_ID: testMaster.id,
    });
    expect(await countTenantsByMasterKey(db, { tenantIds })).toEqual([{ masterKeyId: testMaster.id, tenants: 2 }]);

    let stop = false;
    let reads = 0;
    const failures: unknown[] = [];
    const reader = (async () => {
      while (!stop || reads === 0) {
        for (const [i, t] of tenants.entries()) {
          try {
            const name = await withTenant(db, t.tenantId, async (tx) => {
              const codec = await loadIdentityCodec(tx, t.tenantId, configured);
              return codec.openIdentity(await tx.spectator.findFirstOrThrow({ where: { tenantId: t.tenantId, id: ids[i]! } })).lastName;
            });
            if (name !== "Clavier") failures.push(new Error(`read ${name}`));
            reads += 1;
          } catch (error) {
            failures.push(error);
          }
        }
      }
    })();
    const summary = await rotateMasterKey(db, configured, { tenantIds });
    stop = true;
    await reader;
    expect(failures).toEqual([]);
    expect(summary).toEqual({ tenantsChecked: 2, tenantsRewrapped: 2, keysRewrapped: 2, unknownMasterKeys: [] });
    expect(await countTenantsByMasterKey(db, { tenantIds })).toEqual([{ masterKeyId: "mk-next", tenants: 2 }]);
    for (const t of tenants) {
      const audit = await withTenant(db, t.tenantId, (tx) => tx.auditEntry.findMany({ where: { tenantId: t.tenantId, action: "privacy.master_key_rotated" } }));
      expect(audit.map((a) => a.details)).toEqual([{ from: testMaster.id, to: "mk-next", keys: 1 }]);
      // After the rotation, the new key alone reads.
      const alone: MasterKey = { id: configured.id, key: configured.key };
      await withTenant(db, t.tenantId, async (tx) => expect((await loadIdentityCodec(tx, t.tenantId, alone)).tenantId).toBe(t.tenantId));
    }
    // Running it again re-wraps nothing and audits nothing.
    expect((await rotateMasterKey(db, configured, { tenantIds })).keysRewrapped).toBe(0);
  });
});
