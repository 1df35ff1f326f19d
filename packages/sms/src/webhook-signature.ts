// Signed webhooks from the HTTP provider: the body's HMAC-SHA256 (hex) under the tenant's
// webhook secret, in a header. Compared in constant time; a missing or wrong signature is refused.
import { createHmac, timingSafeEqual } from "node:crypto";

export function signWebhookBody(secret: string, body: string): string {
  return createHmac("sha256", secret).update(body).digest("hex");
}

export function verifyWebhookSignature(secret: string, body: string, signature: string | null | undefined): boolean {
  if (!signature || !/^[0-9a-f]{64}$/i.test(signature)) return false;
  return timingSafeEqual(Buffer.from(signWebhookBody(secret, body), "hex"), Buffer.from(signature, "hex"));
}
