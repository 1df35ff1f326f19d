import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv, requireEnv } from "./env";

const valid = {
  DATABASE_URL: "postgresql://rappel_app:pw@127.0.0.1:5432/rappel",
  MASTER_KEY: Buffer.alloc(32, 7).toString("base64"),
};

describe("parseEnv", () => {
  it("accepts a minimal valid environment and applies defaults", () => {
    const env = parseEnv(valid);
    expect(env.REDIS_URL).toBe("redis://127.0.0.1:6379");
    expect(env.MASTER_KEY_ID).toBe("mk1");
    expect(env.WORKER_HEALTH_PORT).toBe(3001);
  });

  it("names a missing variable and says what it is for", () => {
    expect(() => parseEnv({ MASTER_KEY: valid.MASTER_KEY })).toThrowError(
      /DATABASE_URL is required \(the application's connection/,
    );
  });

  it("names a malformed variable and says what is expected", () => {
    try {
      parseEnv({ ...valid, MASTER_KEY: "short", REDIS_URL: "localhost" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const issues = (error as ConfigError).issues.join("\n");
      expect(issues).toMatch(/MASTER_KEY must be 32 bytes, base64-encoded/);
      expect(issues).toMatch(/REDIS_URL must be a redis:\/\/ URL/);
    }
  });

  it("requireEnv fails with the variable's name when a process needs it", () => {
    const env = parseEnv(valid);
    expect(() => requireEnv(env, "AUTH_SECRET")).toThrowError(/AUTH_SECRET is required/);
    expect(requireEnv(parseEnv({ ...valid, AUTH_SECRET: "x".repeat(32) }), "AUTH_SECRET")).toHaveLength(32);
  });

  it("accepts a previous master key for a rotation only with its own, different id", () => {
    const previous = Buffer.alloc(32, 8).toString("base64");
    const env = parseEnv({ ...valid, MASTER_KEY_ID: "mk2", MASTER_KEY_PREVIOUS: previous, MASTER_KEY_PREVIOUS_ID: "mk1" });
    expect(env.MASTER_KEY_PREVIOUS_ID).toBe("mk1");
    expect(() => parseEnv({ ...valid, MASTER_KEY_PREVIOUS: previous })).toThrowError(/MASTER_KEY_PREVIOUS_ID must be set together with MASTER_KEY_PREVIOUS/);
    expect(() => parseEnv({ ...valid, MASTER_KEY_PREVIOUS: previous, MASTER_KEY_PREVIOUS_ID: "mk1" })).toThrowError(/must differ from MASTER_KEY_ID/);
    expect(() => parseEnv({ ...valid, MASTER_KEY_PREVIOUS: "short", MASTER_KEY_PREVIOUS_ID: "mk0" })).toThrowError(/MASTER_KEY_PREVIOUS must be 32 bytes/);
  });

  it("runs the feedback receiver only with a bounce domain to take mail for", () => {
    expect(parseEnv(valid).FEEDBACK_SMTP_PORT).toBeUndefined();
    const env = parseEnv({ ...valid, FEEDBACK_SMTP_PORT: "2525", BOUNCE_DOMAIN: "bounces.rappel.example" });
    expect(env).toMatchObject({ FEEDBACK_SMTP_PORT: 2525, BOUNCE_DOMAIN: "bounces.rappel.example", FEEDBACK_SMTP_HOST: "0.0.0.0" });
    expect(() => parseEnv({ ...valid, FEEDBACK_SMTP_PORT: "2525" })).toThrowError(/BOUNCE_DOMAIN must be set when FEEDBACK_SMTP_PORT is/);
    expect(() => parseEnv({ ...valid, BOUNCE_DOMAIN: "not a domain" })).toThrowError(/BOUNCE_DOMAIN must be a domain name/);
  });
});
