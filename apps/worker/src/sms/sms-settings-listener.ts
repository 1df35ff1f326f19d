// Makes a tenant's SMS settings change take effect at once in this worker process: on the web
// app's "settings changed" signal, the gateway re-reads that tenant's settings and binds, rebinds
// (another SMSC, account or password) or drops (no longer SMPP) its receiver.
import { subscribeSettingsChanged } from "@rappel/jobs";
import type { Redis } from "ioredis";
import type { Logger } from "../logger";
import type { SmsGateway } from "./sms-gateway";

export async function rebindOnSmsSettingsChange(gateway: SmsGateway, subscriber: Redis, prefix: string, logger: Logger): Promise<void> {
  await subscribeSettingsChanged(subscriber, prefix, "sms", (tenantId) => {
    // ensureBound never rejects: a failed bind is logged and retried with backoff.
    void gateway.ensureBound(tenantId).then((bound) => logger.info("SMS settings changed, receiver updated", { tenantId, bound }));
  });
}
