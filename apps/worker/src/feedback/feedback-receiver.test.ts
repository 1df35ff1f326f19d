// The receiver's switch: off without FEEDBACK_SMTP_PORT, listening when it and BOUNCE_DOMAIN are set,
// and taking mail only for the bounce domain's signed or well-known addresses.
import { randomBytes, randomUUID } from "node:crypto";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deriveVerpKey, verpAddress } from "@rappel/campaigns";
import type { Database } from "@rappel/db";
import { systemClock } from "../clock";
import { captureLogger, freePort, openAppDatabase } from "../testing/fixtures";
import { acceptsFeedbackRecipient, startFeedbackReceiverFromEnv } from "./feedback-receiver";

let db: Database;
beforeAll(() => {
  db = openAppDatabase();
});
afterAll(async () => db.$disconnect());

const MASTER_KEY = randomBytes(32).toString("base64");

describe("feedback receiver configuration", () => {
  it("is off unless FEEDBACK_SMTP_PORT is set", async () => {
    expect(await startFeedbackReceiverFromEnv({ MASTER_KEY, BOUNCE_DOMAIN: "bounces.rappel.test" }, { db, clock: systemClock }, captureLogger().logger)).toBeNull();
  });

  it("listens on the configured port and greets as an SMTP server", async () => {
    const port = await freePort();
    const receiver = await startFeedbackReceiverFromEnv(
      { MASTER_KEY, MASTER_KEY_ID: "mk1", BOUNCE_DOMAIN: "bounces.rappel.test", FEEDBACK_SMTP_PORT: port, FEEDBACK_SMTP_HOST: "127.0.0.1" },
      { db, clock: systemClock },
      captureLogger().logger,
    );
    try {
      expect(receiver?.port).toBe(port);
      const greeting = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, "127.0.0.1");
        socket.once("data", (d) => {
          socket.end();
          resolve(d.toString());
        });
        socket.once("error", reject);
      });
      expect(greeting).toMatch(/^220 /);
    } finally {
      await receiver?.stop();
    }
  });

  it("accepts signed VERP, feedback@ and postmaster@ of the bounce domain only", () => {
    const key = deriveVerpKey(randomBytes(32));
    const config = { verpKeys: [key], bounceDomain: "bounces.rappel.test" };
    const verp = verpAddress(key, { campaignId: randomUUID(), spectatorId: randomUUID() }, "bounces.rappel.test");
    expect(acceptsFeedbackRecipient(config, verp)).toBe(true);
    expect(acceptsFeedbackRecipient(config, "Feedback@bounces.rappel.test")).toBe(true);
    expect(acceptsFeedbackRecipient(config, "postmaster@bounces.rappel.test")).toBe(true);
    expect(acceptsFeedbackRecipient(config, "feedback@rappel.test")).toBe(false);
    expect(acceptsFeedbackRecipient(config, `x${verp}`)).toBe(false);
    expect(acceptsFeedbackRecipient(config, "info@bounces.rappel.test")).toBe(false);
  });
});
