// The tenant's SMTP relay setting against a real PostgreSQL (RLS applies) and a real SMTP peer
// that demands a login: the password is sealed and never read back, an empty password keeps it
// only for the same host and user, the connection test logs in for real, and one tenant's scope
// neither reads nor writes another's relay.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, withTenant, type Database } from "@rappel/db";
import { createTestDatabase, createTwoTenants, type TenantRows, type TestDatabase } from "@rappel/db/testing";
import { startSmtpPeer, type SmtpPeer } from "@rappel/mail/testing";
import { createTenantDataKey, loadIdentityCodec } from "@rappel/personal-data";
import { getSmtpRelay, removeSmtpRelay, saveSmtpRelay, SmtpRelayError, testSmtpRelay } from "./smtp-relay";

let testDb: TestDatabase;
let db: Database;
let a: TenantRows;
let b: TenantRows;
let peer: SmtpPeer;
const master = { id: "mk1", key: randomBytes(32) };
const login = { user: "salle@relais.test", pass: "mot-de-passe-du-relais" };
const scopeOf = (t: TenantRows) => ({ tenantId: t.tenantId, userId: t.userId });
const input = (overrides: Partial<Parameters<typeof saveSmtpRelay>[3]> = {}) => ({
  host: "127.0.0.1", port: peer.port, tlsMode: "none" as const, username: login.user, password: login.pass, messagesPerSecond: 20, ...overrides,
});

beforeAll(async () => {
  testDb = await createTestDatabase("rappel_web_smtp_relay_test");
  db = createDatabase(testDb.appUrl, { max: 4 });
  ({ a, b } = await createTwoTenants(db));
  for (const t of [a, b]) await withTenant(db, t.tenantId, (tx) => createTenantDataKey(tx, t.tenantId, master));
  peer = await startSmtpPeer({ auth: login });
});
afterAll(async () => {
  await peer?.stop();
  await db?.$disconnect();
  await testDb?.drop();
});

describe("SMTP relay setting", () => {
  it("seals the password and reads back everything but it", async () => {
    await saveSmtpRelay(db, scopeOf(a), master, input());
    const row = await withTenant(db, a.tenantId, (tx) => tx.smtpRelay.findUniqueOrThrow({ where: { tenantId: a.tenantId } }));
    expect(Buffer.from(row.passwordEnc!).toString("latin1")).not.toContain(login.pass);
    const opened = await withTenant(db, a.tenantId, async (tx) => (await loadIdentityCodec(tx, a.tenantId, master)).openTenantSecret("smtp-relay-password", row.passwordEnc!));
    expect(opened).toBe(login.pass);
    const summary = await getSmtpRelay(db, scopeOf(a));
    expect(summary).toEqual({ host: "127.0.0.1", port: peer.port, tlsMode: "none", username: login.user, hasPassword: true, messagesPerSecond: 20 });
    expect(JSON.stringify(summary)).not.toContain(login.pass);
    const audit = await withTenant(db, a.tenantId, (tx) => tx.auditEntry.findFirst({ where: { tenantId: a.tenantId, action: "activation.smtp_relay_updated" } }));
    expect(JSON.stringify(audit?.details)).not.toContain(login.pass);
  });

  it("keeps the sealed password when left empty, for the same host and user only", async () => {
    await saveSmtpRelay(db, scopeOf(a), master, input({ password: "", messagesPerSecond: 30 }));
    expect(await getSmtpRelay(db, scopeOf(a))).toMatchObject({ hasPassword: true, messagesPerSecond: 30 });
    await expect(saveSmtpRelay(db, scopeOf(a), master, input({ password: "", host: "relais.attaquant.test" }))).rejects.toThrow(SmtpRelayError);
    await expect(testSmtpRelay(db, scopeOf(a), master, input({ password: "", username: "autre@relais.test" }))).rejects.toThrow(SmtpRelayError);
    expect(await getSmtpRelay(db, scopeOf(a))).toMatchObject({ host: "127.0.0.1" });
  });

  it("tests the connection for real: logs in with the kept password, reports a refused login", async () => {
    expect(await testSmtpRelay(db, scopeOf(a), master, input({ password: "" }))).toEqual({ ok: true });
    const refused = await testSmtpRelay(db, scopeOf(a), master, input({ password: "faux" }));
    expect(refused).toMatchObject({ ok: false, problem: "auth" });
    const closed = await testSmtpRelay(db, scopeOf(a), master, input({ port: 1 }), 2_000);
    expect(closed).toMatchObject({ ok: false, problem: "unreachable" });
    expect(peer.messages).toHaveLength(0);
  });

  it("keeps each tenant's relay to itself", async () => {
    // B's own relay (seeded by createTwoTenants), not A's.
    expect(await getSmtpRelay(db, scopeOf(b))).toMatchObject({ port: 2525, username: null, hasPassword: false });
    await removeSmtpRelay(db, scopeOf(b));
    expect(await getSmtpRelay(db, scopeOf(b))).toBeNull();
    expect(await getSmtpRelay(db, scopeOf(a))).toMatchObject({ username: login.user, hasPassword: true });
    // B cannot reuse A's sealed password by naming A's host and user.
    await expect(testSmtpRelay(db, scopeOf(b), master, input({ password: "" }))).rejects.toThrow(SmtpRelayError);
    await removeSmtpRelay(db, scopeOf(a));
    expect(await getSmtpRelay(db, scopeOf(a))).toBeNull();
  });
});
