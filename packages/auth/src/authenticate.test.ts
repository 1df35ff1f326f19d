// authenticateStaff against a real migrated database and the real Redis.
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@rappel/db";
import { authenticateStaff, type AuthenticateDeps, type SignInLogEvent } from "./authenticate";
import { SignInError } from "./errors";
import { SignInThrottle } from "./throttle";
import { totpCode } from "./totp";
import { createUser, testDatabase, testMasterKey, TEST_PASSWORD } from "./testing/fixtures";

let db: Database;
let redis: Redis;
const prefixes: string[] = [];

function deps(log: SignInLogEvent[] = []): AuthenticateDeps {
  const keyPrefix = `rappel-test:${randomBytes(6).toString("hex")}`;
  prefixes.push(keyPrefix);
  return {
    db,
    masterKey: testMasterKey(),
    throttle: new SignInThrottle({ redis, keyPrefix, email: { points: 3, windowSeconds: 60, lockSeconds: 600 } }),
    log: (e) => log.push(e),
  };
}

async function failure(promise: Promise<unknown>): Promise<SignInError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SignInError) return error;
    throw error;
  }
  throw new Error("expected the sign-in to fail");
}

beforeAll(async () => {
  db = testDatabase();
  redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  await redis.ping();
});

afterAll(async () => {
  for (const prefix of prefixes) {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
  }
  await redis.quit();
  await db.$disconnect();
});

describe("authenticateStaff: tenant staff", () => {
  it("signs in with the right password, whatever the e-mail's case", async () => {
    const user = await createUser(db, { name: "Camille Martin" });
    const identity = await authenticateStaff(deps(), { email: `  ${user.email.toUpperCase()} `, password: TEST_PASSWORD, ip: "10.0.0.1" });
    expect(identity).toMatchObject({ id: user.id, email: user.email, name: "Camille Martin", platformRole: null, secondFactor: false });
  });

  it("refuses a wrong password, an unknown e-mail and a disabled account alike", async () => {
    const d = deps();
    const user = await createUser(db);
    const disabled = await createUser(db, { disabled: true });
    const wrong = await failure(authenticateStaff(d, { email: user.email, password: "not the password", ip: "10.0.0.2" }));
    const unknown = await failure(authenticateStaff(d, { email: "nobody@example.test", password: TEST_PASSWORD, ip: "10.0.0.2" }));
    const off = await failure(authenticateStaff(d, { email: disabled.email, password: TEST_PASSWORD, ip: "10.0.0.2" }));
    for (const e of [wrong, unknown, off]) expect(e.reason).toBe("invalid_credentials");
  });

  it("refuses malformed input without touching the database", async () => {
    const e = await failure(authenticateStaff(deps(), { email: "not-an-email", password: "", ip: "10.0.0.3" }));
    expect(e.reason).toBe("invalid_credentials");
  });

  it("throttles repeated failures and then refuses even the right password", async () => {
    const d = deps();
    const user = await createUser(db);
    const attempt = { email: user.email, password: "guess", ip: "10.0.0.4" };
    expect((await failure(authenticateStaff(d, attempt))).reason).toBe("invalid_credentials");
    expect((await failure(authenticateStaff(d, attempt))).reason).toBe("invalid_credentials");
    const third = await failure(authenticateStaff(d, attempt));
    expect(third.reason).toBe("throttled");
    expect(third.retryAfterSeconds).toBe(600);
    const locked = await failure(authenticateStaff(d, { ...attempt, password: TEST_PASSWORD }));
    expect(locked.reason).toBe("throttled");
    expect(locked.toCode()).toMatch(/^throttled:\d+$/);
  });
});

describe("authenticateStaff: platform roles need a TOTP code", () => {
  it("asks for the code, refuses a wrong one, accepts the right one once", async () => {
    const d = deps();
    const admin = await createUser(db, { platformRole: "superadmin", withTotp: true });
    const base = { email: admin.email, password: TEST_PASSWORD, ip: "10.0.1.1" };
    expect((await failure(authenticateStaff(d, base))).reason).toBe("code_required");
    const right = totpCode(admin.totpSecret ?? "");
    const wrongCode = right === "000000" ? "111111" : "000000";
    expect((await failure(authenticateStaff(d, { ...base, code: wrongCode }))).reason).toBe("invalid_code");
    // Space-separated codes (as some apps display them) are accepted.
    const identity = await authenticateStaff(d, { ...base, code: `${right.slice(0, 3)} ${right.slice(3)}` });
    expect(identity).toMatchObject({ id: admin.id, platformRole: "superadmin", secondFactor: true });
    // The same code cannot be replayed.
    expect((await failure(authenticateStaff(d, { ...base, code: right }))).reason).toBe("invalid_code");
  });

  it("refuses a platform account that has no TOTP secret (fail closed)", async () => {
    const dpo = await createUser(db, { platformRole: "dpo" });
    const e = await failure(authenticateStaff(deps(), { email: dpo.email, password: TEST_PASSWORD, code: "123456", ip: "10.0.1.2" }));
    expect(e.reason).toBe("invalid_code");
  });

  it("never logs the password, the code or the e-mail", async () => {
    const log: SignInLogEvent[] = [];
    const d = deps(log);
    const admin = await createUser(db, { platformRole: "dpo", withTotp: true });
    const code = totpCode(admin.totpSecret ?? "");
    await failure(authenticateStaff(d, { email: admin.email, password: "Wrong-Secret-Password", code, ip: "10.0.1.3" }));
    await authenticateStaff(d, { email: admin.email, password: TEST_PASSWORD, code, ip: "10.0.1.3" });
    expect(log.map((e) => e.event)).toEqual(["sign_in.failed", "sign_in.succeeded"]);
    const text = JSON.stringify(log);
    for (const secret of ["Wrong-Secret-Password", TEST_PASSWORD, code, admin.email, admin.totpSecret ?? "?"]) {
      expect(text).not.toContain(secret);
    }
  });
});
