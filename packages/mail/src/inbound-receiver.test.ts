// The inbound receiver with a real SMTP client (nodemailer): mail only for vouched recipients,
// 250 once recorded, 451 (try again later) when recording fails — nothing is lost.
import { createTransport } from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startInboundReceiver, type InboundMessage, type InboundReceiver } from "./inbound-receiver";

let receiver: InboundReceiver;
const recorded: InboundMessage[] = [];
let failNext = false;

beforeAll(async () => {
  receiver = await startInboundReceiver({
    host: "127.0.0.1",
    port: 0,
    acceptRecipient: (address) => address.endsWith("@bounces.example"),
    onMessage: async (message) => {
      if (failNext) {
        failNext = false;
        throw new Error("database unavailable");
      }
      recorded.push(message);
    },
  });
});
afterAll(async () => receiver.stop());

const send = async (to: string) => {
  const client = createTransport({ host: "127.0.0.1", port: receiver.port, ignoreTLS: true, secure: false });
  try {
    return await client.sendMail({ envelope: { from: "", to: [to] }, raw: "Subject: report\r\n\r\nbody\r\n" });
  } finally {
    client.close();
  }
};

describe("inbound receiver", () => {
  it("records mail for accepted recipients with its null sender, and refuses others with 550", async () => {
    await send("b123@bounces.example");
    expect(recorded.at(-1)).toMatchObject({ mailFrom: "", recipients: ["b123@bounces.example"] });
    expect(recorded.at(-1)!.raw.toString()).toContain("Subject: report");
    await expect(send("someone@elsewhere.example")).rejects.toMatchObject({ responseCode: 550 });
  });

  it("answers 451 when the message cannot be recorded, so the sending MTA retries", async () => {
    failNext = true;
    const before = recorded.length;
    await expect(send("b456@bounces.example")).rejects.toMatchObject({ responseCode: 451 });
    expect(recorded).toHaveLength(before);
    await send("b456@bounces.example"); // the retry
    expect(recorded).toHaveLength(before + 1);
  });
});
