// The HTTP provider against a real local HTTP server.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpSmsProvider } from "./http-provider";
import { SmsSendError, type DeliveryReport } from "./provider";

let server: Server;
let url: string;
const received: { auth?: string; body: unknown }[] = [];
let nextStatus = 200;

beforeAll(async () => {
  server = createServer((req, res) => {
    let data = "";
    req.on("data", (c) => (data += c));
    req.on("end", () => {
      received.push({ auth: req.headers.authorization, body: JSON.parse(data) });
      res.statusCode = nextStatus;
      res.setHeader("Content-Type", "application/json");
      res.end(nextStatus === 200 ? JSON.stringify({ id: `h${received.length}` }) : JSON.stringify({ error: "nope" }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("HTTP SMS provider", () => {
  it("posts the message with the token and returns the provider id", async () => {
    nextStatus = 200;
    const p = createHttpSmsProvider({ url, token: "tok" });
    await expect(p.send({ to: "+33612345678", from: "LUMIERE", text: "Bonjour" })).resolves.toEqual({ providerId: "h1" });
    expect(received[0]).toEqual({ auth: "Bearer tok", body: { to: "+33612345678", from: "LUMIERE", text: "Bonjour" } });
  });

  it("treats 429/5xx as transient and other 4xx as permanent", async () => {
    const p = createHttpSmsProvider({ url, token: "tok" });
    for (const [status, kind] of [[429, "transient"], [503, "transient"], [400, "permanent"]] as const) {
      nextStatus = status;
      const e = await p.send({ to: "+33612345678", from: "X", text: "y" }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(SmsSendError);
      expect((e as SmsSendError).kind).toBe(kind);
    }
  });

  it("turns webhook calls into receipts and inbound messages", () => {
    const p = createHttpSmsProvider({ url, token: "tok" });
    const reports: DeliveryReport[] = [];
    const inbound: string[] = [];
    p.onDeliveryReport((r) => reports.push(r));
    p.onInbound((s) => inbound.push(s.text));
    p.receiveWebhook({ id: "h1", status: "delivered" });
    p.receiveWebhook({ from: "+33612345678", to: "36180", text: "STOP" });
    p.receiveWebhook({ junk: true });
    expect(reports).toEqual([{ providerId: "h1", state: "delivered" }]);
    expect(inbound).toEqual(["STOP"]);
  });
});
