// The HTTP SMS provider's webhook route (no sign-in): the request glue around the shared
// handler (packages/sms/src/webhook.ts), which checks the tenant's signature and applies receipts
// and inbound STOPs.
import { loadEnv } from "@rappel/config";
import { masterKeyFromEnv } from "@rappel/personal-data";
import { handleSmsWebhook } from "@rappel/sms";
import { getDb } from "@/server/db";

export async function smsWebhook(request: Request, { params }: { params: Promise<{ tenantId: string }> }): Promise<Response> {
  const answer = await handleSmsWebhook(getDb(), masterKeyFromEnv(loadEnv()), (await params).tenantId, await request.text(), request.headers.get("x-rappel-signature"), new Date());
  const headers = { "Cache-Control": "no-store" };
  return typeof answer.body === "string"
    ? new Response(answer.body, { status: answer.status, headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } })
    : Response.json(answer.body, { status: answer.status, headers });
}
