// A generic HTTP SMS provider (JSON over HTTPS, as most aggregators offer): POST the message
// with a bearer token; 429 and 5xx are transient, other 4xx permanent. Receipts and inbound
// messages arrive through the provider's webhook, which the web app hands to `receive…`.
import { z } from "zod";
import { SmsSendError, type DeliveryReport, type InboundSms, type OutgoingSms, type SentSms, type SmsProvider } from "./provider";

export interface HttpProviderOptions {
  url: string;
  token: string;
  fetch?: typeof fetch;
}

const ZSendResponse = z.object({ id: z.string().min(1) });

export interface HttpSmsProvider extends SmsProvider {
  /** Feed a webhook call: a receipt `{ id, status }` or an inbound message `{ from, to, text }`. */
  receiveWebhook(body: unknown): void;
}

export function createHttpSmsProvider(options: HttpProviderOptions): HttpSmsProvider {
  const doFetch = options.fetch ?? fetch;
  const reports: ((r: DeliveryReport) => void)[] = [];
  const inbound: ((s: InboundSms) => void)[] = [];
  return {
    async send(message: OutgoingSms): Promise<SentSms> {
      let response: Response;
      try {
        response = await doFetch(options.url, {
          method: "POST",
          headers: { "Content-Type": "application/json", Authorization: `Bearer ${options.token}` },
          body: JSON.stringify(message),
        });
      } catch (error) {
        throw new SmsSendError("transient", `provider unreachable: ${String(error)}`);
      }
      if (response.status === 429 || response.status >= 500) throw new SmsSendError("transient", `provider answered ${response.status}`, response.status);
      if (!response.ok) throw new SmsSendError("permanent", `provider refused the message (${response.status}): ${(await response.text()).slice(0, 200)}`, response.status);
      const parsed = ZSendResponse.safeParse(await response.json().catch(() => null));
      if (!parsed.success) throw new SmsSendError("transient", "provider answered without a message id");
      return { providerId: parsed.data.id };
    },
    receiveWebhook(body: unknown) {
      const receipt = z.object({ id: z.string(), status: z.enum(["delivered", "undeliverable", "expired", "rejected"]) }).safeParse(body);
      if (receipt.success) {
        for (const l of reports) l({ providerId: receipt.data.id, state: receipt.data.status });
        return;
      }
      const sms = z.object({ from: z.string(), to: z.string(), text: z.string() }).safeParse(body);
      if (sms.success) for (const l of inbound) l(sms.data);
    },
    onDeliveryReport: (l) => void reports.push(l),
    onInbound: (l) => void inbound.push(l),
    close: async () => undefined,
  };
}
