// The SMPP provider against a real SMPP peer (the local SMSC simulator, same protocol stack an
// aggregator speaks): bind, submit, delivery receipts, throttling, inbound STOP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isStopMessage, SmsSendError, type DeliveryReport, type InboundSms, type SmsProvider } from "./provider";
import { connectSmppProvider, parseDeliveryReceipt } from "./smpp-provider";
import { startSmscSimulator, type SmscSimulator } from "./testing";

let smsc: SmscSimulator;
let provider: SmsProvider;
const reports: DeliveryReport[] = [];
const inbound: InboundSms[] = [];

const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
};

beforeAll(async () => {
  smsc = await startSmscSimulator();
  provider = await connectSmppProvider({ url: smsc.url, systemId: "rappel", password: "secret" });
  provider.onDeliveryReport((r) => reports.push(r));
  provider.onInbound((s) => inbound.push(s));
});
afterAll(async () => {
  await provider.close();
  await smsc.stop();
});

describe("SMPP provider", () => {
  it("refuses a bind with wrong credentials", async () => {
    await expect(connectSmppProvider({ url: smsc.url, systemId: "rappel", password: "wrong" })).rejects.toThrow(/bind refused/);
  });

  it("submits GSM-7 and UCS-2 texts and gets delivery receipts", async () => {
    const a = await provider.send({ to: "+33612345678", from: "LUMIERE", text: "Dernières places ce soir ! STOP au 36180" });
    const b = await provider.send({ to: "+33612345670", from: "LUMIERE", text: "Ça commence — à 20 h 🎭" });
    expect(smsc.submitted.map((s) => s.to)).toEqual(["33612345678", "33612345670"]);
    expect(smsc.submitted[0]?.text).toBe("Dernières places ce soir ! STOP au 36180");
    expect(smsc.submitted[1]?.text).toBe("Ça commence — à 20 h 🎭");
    await until(() => reports.length >= 2, "two receipts");
    expect(reports.find((r) => r.providerId === a.providerId)?.state).toBe("delivered");
    expect(reports.find((r) => r.providerId === b.providerId)).toMatchObject({ state: "undeliverable", error: "001" });
  });

  it("sends long texts in one PDU (message_payload)", async () => {
    const text = "La saison continue avec trois soirées exceptionnelles. ".repeat(6);
    await provider.send({ to: "+33698765432", from: "LUMIERE", text });
    expect(smsc.submitted.at(-1)?.text).toBe(text);
  });

  it("classifies throttling as transient", async () => {
    smsc.throttleNext(1);
    const error = await provider.send({ to: "+33611111111", from: "LUMIERE", text: "x" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmsSendError);
    expect((error as SmsSendError).kind).toBe("transient");
    await expect(provider.send({ to: "+33611111111", from: "LUMIERE", text: "x" })).resolves.toHaveProperty("providerId");
  });

  it("receives inbound messages, and recognises STOP and its variants", async () => {
    await smsc.sendInbound("33612345678", "36180", "Stop");
    await until(() => inbound.length > 0, "an inbound SMS");
    expect(inbound[0]).toEqual({ from: "33612345678", to: "36180", text: "Stop" });
    for (const t of ["STOP", "stop sms", "ARRÊT", "Arret", "STOP 36180", " unsubscribe"]) expect(isStopMessage(t), t).toBe(true);
    for (const t of ["Stoppez pas la musique", "merci", "non-stop"]) expect(isStopMessage(t), t).toBe(false);
  });

  it("parses receipt texts", () => {
    expect(parseDeliveryReceipt("id:abc sub:001 dlvrd:001 submit date:2611221900 done date:2611221901 stat:EXPIRED err:000 text:")).toEqual({ providerId: "abc", state: "expired" });
    expect(parseDeliveryReceipt("hello")).toBeNull();
  });
});
