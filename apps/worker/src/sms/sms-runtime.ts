// The process-wide SMS runtime (gateway + throttle), created by the worker process at start-up
// and closed at shutdown. Job handlers take it from here; tests build their own.
import type { Database } from "@rappel/db";
import type { MasterKey } from "@rappel/personal-data";
import { applyDeliveryReport, applyInboundSms } from "@rappel/sms";
import { withTenant } from "@rappel/db";
import type { Redis } from "ioredis";
import type { Clock } from "../clock";
import type { Logger } from "../logger";
import { SmsGateway, type SmsEventSink } from "./sms-gateway";
import { createRedisSendThrottle, type SendThrottle } from "../throttle/send-throttle";

export interface SmsRuntime {
  gateway: SmsGateway;
  throttle: SendThrottle;
  master: MasterKey;
}

/** A receipt can overtake the write of its message id: retry for a few seconds before giving up. */
const RECEIPT_RETRIES = 10;
const RECEIPT_RETRY_MS = 500;

export function createSmsEventSink(db: Database, master: MasterKey, clock: Clock, logger: Logger): SmsEventSink {
  return {
    async report(tenantId, report) {
      for (let i = 0; i < RECEIPT_RETRIES; i++) {
        if (await withTenant(db, tenantId, (tx) => applyDeliveryReport(tx, tenantId, report, clock.now()))) return;
        await new Promise((r) => setTimeout(r, RECEIPT_RETRY_MS));
      }
      logger.warn("SMS receipt for an unknown message id", { tenantId, providerId: report.providerId, state: report.state });
    },
    async inbound(tenantId, sms) {
      const result = await withTenant(db, tenantId, (tx) => applyInboundSms(tx, tenantId, master, sms, clock.now()));
      if (result.stop) logger.info("inbound SMS STOP applied", { tenantId, spectators: result.spectators });
    },
  };
}

export function createSmsRuntime(options: { db: Database; redis: Redis; master: MasterKey; clock: Clock; logger: Logger }): SmsRuntime {
  const sink = createSmsEventSink(options.db, options.master, options.clock, options.logger);
  return {
    gateway: new SmsGateway({ db: options.db, master: options.master, logger: options.logger, sink }),
    throttle: createRedisSendThrottle(options.redis, "sms-throttle", "SMS throttle"),
    master: options.master,
  };
}

let current: SmsRuntime | null = null;

export function installSmsRuntime(runtime: SmsRuntime | null): void {
  current = runtime;
}

export function smsRuntime(): SmsRuntime {
  if (!current) throw new Error("the SMS runtime is not started in this process (the worker process starts it)");
  return current;
}
