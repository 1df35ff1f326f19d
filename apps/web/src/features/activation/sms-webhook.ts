// The HTTP SMS provider's webhook (no sign-in): delivery receipts and inbound messages (STOP).
// The tenant id in the URL is untrusted: the body must carry an HMAC-SHA256 signature made with
// that tenant's webhook secret (header X-Rappel-Signature, hex). Every refusal is the same 401,
// so the endpoint tells a prober nothing about which tenants exist or use HTTP SMS.
import { z } from "zod";
import { loadEnv } from "@rappel/config";
import { withTenant } from "@rappel/db";
import { masterKeyFromEnv } from "@rappel/personal-data";
import { applyDeliveryReport, applyInboundSms, loadSmsSettings, verifyWebhookSignature } from "@rappel/sms";
import { getDb } from "@/server/db";

const MAX_BODY = 16_384;
const ZReceipt = z.object({ id: z.string().min(1).max(200), status: z.enum(["delivered", "undeliverable", "expired", "rejected"]), error: z.string().max(50).optional() });
const ZInbound = z.object({ from: z.string().min(3).max(30), to: z.string().max(30), text: z.string().max(1600) });

const refused = () => new Response("unauthorised", { status: 401, headers: { "Cache-Control": "no-store" } });

export async function smsWebhook(request: Request, { params }: { params: Promise<{ tenantId: string }> }): Promise<Response> {
  const tenantId = z.uuid().safeParse((await params).tenantId);
  if (!tenantId.success) return refused();
  const body = await request.text();
  if (body.length > MAX_BODY) return new Response("too large", { status: 413 });
  const master = masterKeyFromEnv(loadEnv());
  const db = getDb();
  const tenant = await db.tenant.findUnique({ where: { id: tenantId.data }, select: { status: true } });
  if (tenant?.status !== "active") return refused();
  const settings = await withTenant(db, tenantId.data, (tx) => loadSmsSettings(tx, tenantId.data, master));
  if (settings?.provider !== "http" || !settings.webhookSecret) return refused();
  if (!verifyWebhookSignature(settings.webhookSecret, body, request.headers.get("x-rappel-signature"))) return refused();
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return new Response("invalid JSON / JSON invalide", { status: 400 });
  }
  const receipt = ZReceipt.safeParse(json);
  const inbound = ZInbound.safeParse(json);
  if (!receipt.success && !inbound.success) return new Response("neither a receipt nor an inbound message / ni accusé ni message entrant", { status: 400 });
  const result = await withTenant(db, tenantId.data, async (tx) => {
    if (receipt.success) return { receipt: await applyDeliveryReport(tx, tenantId.data, { providerId: receipt.data.id, state: receipt.data.status, ...(receipt.data.error ? { error: receipt.data.error } : {}) }, new Date()) };
    return { inbound: await applyInboundSms(tx, tenantId.data, master, inbound.data!, new Date()) };
  });
  return Response.json({ ok: true, ...("receipt" in result ? { matched: result.receipt } : { stop: result.inbound.stop }) });
}
