// The HTTP SMS provider's webhook logic (no sign-in): delivery receipts and inbound messages
// (STOP). The tenant id in the URL is untrusted: the body must carry an HMAC-SHA256 signature made
// with that tenant's webhook secret (header X-Rappel-Signature, hex). Every refusal is the same
// 401, so the endpoint tells a prober nothing about which tenants exist or use HTTP SMS. Here, with
// its dependencies passed in, so the web route and the engine's end-to-end test run the same code.
import { z } from "zod";
import { withTenant, type Database } from "@rappel/db";
import type { MasterKey } from "@rappel/personal-data";
import { applyDeliveryReport, applyInboundSms } from "./events";
import { loadSmsSettings } from "./settings";
import { verifyWebhookSignature } from "./webhook-signature";

const MAX_BODY = 16_384;
const ZReceipt = z.object({ id: z.string().min(1).max(200), status: z.enum(["delivered", "undeliverable", "expired", "rejected"]), error: z.string().max(50).optional() });
const ZInbound = z.object({ from: z.string().min(3).max(30), to: z.string().max(30), text: z.string().max(1600) });

export interface WebhookAnswer {
  status: number;
  body: string | Record<string, unknown>;
}

/** The webhook's logic, with its dependencies passed in (tested against a real database). */
export async function handleSmsWebhook(db: Database, master: MasterKey, rawTenantId: string, body: string, signature: string | null, now: Date): Promise<WebhookAnswer> {
  const refused = { status: 401, body: "unauthorised" };
  const tenantId = z.uuid().safeParse(rawTenantId);
  if (!tenantId.success) return refused;
  if (body.length > MAX_BODY) return { status: 413, body: "too large" };
  const tenant = await db.tenant.findUnique({ where: { id: tenantId.data }, select: { status: true } });
  if (tenant?.status !== "active") return refused;
  const settings = await withTenant(db, tenantId.data, (tx) => loadSmsSettings(tx, tenantId.data, master));
  if (settings?.provider !== "http" || !settings.webhookSecret) return refused;
  if (!verifyWebhookSignature(settings.webhookSecret, body, signature)) return refused;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { status: 400, body: "invalid JSON / JSON invalide" };
  }
  const receipt = ZReceipt.safeParse(json);
  const inbound = ZInbound.safeParse(json);
  if (receipt.success) {
    const r = receipt.data;
    const matched = await withTenant(db, tenantId.data, (tx) => applyDeliveryReport(tx, tenantId.data, { providerId: r.id, state: r.status, ...(r.error ? { error: r.error } : {}) }, now));
    return { status: 200, body: { ok: true, matched } };
  }
  if (inbound.success) {
    const result = await withTenant(db, tenantId.data, (tx) => applyInboundSms(tx, tenantId.data, master, inbound.data, now));
    return { status: 200, body: { ok: true, stop: result.stop } };
  }
  return { status: 400, body: "neither a receipt nor an inbound message / ni accusé de réception ni message entrant" };
}
