// What every campaign job shares: configuration, the per-process SMTP sender, the tracking key
// and the group committer that turns many "sent" commits into one UPDATE.
import { loadEnv, type TEnv } from "@rappel/config";
import { deriveTrackingKey, deriveVerpKey } from "@rappel/campaigns";
import { withTenant, type Database } from "@rappel/db";
import { createCommittedSender, type CommittedSender } from "@rappel/mail";
import { masterKeyFromEnv, type MasterKey } from "@rappel/personal-data";
import { markSent } from "./campaign-ledger";

export class SendingNotConfiguredError extends Error {
  constructor() {
    super("SMTP_URL is not set: the worker cannot send e-mail (set it to the relay's smtp:// URL)");
    this.name = "SendingNotConfiguredError";
  }
}

export interface EngineConfig {
  smtpUrl: string;
  appUrl: string;
  master: MasterKey;
  trackingKey: Uint8Array;
  maxConnections: number;
  /** When set, each message's envelope sender is a signed VERP address at this domain. */
  bounceDomain?: string;
  verpKey?: Uint8Array;
  /** The platform's sender, for alerts to the tenant's administrators. */
  mailFrom?: string;
}

export function engineConfig(env: TEnv = loadEnv()): EngineConfig {
  if (!env.SMTP_URL) throw new SendingNotConfiguredError();
  const master = masterKeyFromEnv(env);
  return {
    smtpUrl: env.SMTP_URL,
    appUrl: env.APP_URL,
    master,
    trackingKey: deriveTrackingKey(master.key),
    maxConnections: 24,
    ...(env.BOUNCE_DOMAIN ? { bounceDomain: env.BOUNCE_DOMAIN, verpKey: deriveVerpKey(master.key) } : {}),
    mailFrom: env.MAIL_FROM,
  };
}

const senders = new Map<string, CommittedSender>();
/** One pooled sender per SMTP URL for the whole process. */
export function senderFor(config: EngineConfig): CommittedSender {
  let sender = senders.get(config.smtpUrl);
  if (!sender) {
    sender = createCommittedSender(config.smtpUrl, { maxConnections: config.maxConnections });
    senders.set(config.smtpUrl, sender);
  }
  return sender;
}

export function closeSenders(): void {
  for (const s of senders.values()) s.close();
  senders.clear();
}

interface Waiting {
  id: string;
  resolve: () => void;
  reject: (error: Error) => void;
}

/** Collects "this body is on the wire" signals and commits them together every few ms. */
export class GroupCommitter {
  private waiting: Waiting[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly tenantId: string,
    private readonly campaignId: string,
    private readonly now: () => Date,
    private readonly maxBatch = 64,
    private readonly maxDelayMs = 3,
  ) {}

  commit(spectatorId: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ id: spectatorId, resolve, reject });
      if (this.waiting.length >= this.maxBatch) this.flush();
      else if (!this.timer) this.timer = setTimeout(() => this.flush(), this.maxDelayMs);
    });
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const group = this.waiting;
    this.waiting = [];
    if (group.length === 0) return;
    this.flushing = this.flushing.then(async () => {
      try {
        const done = await withTenant(this.db, this.tenantId, (tx) =>
          markSent(tx, this.tenantId, this.campaignId, group.map((w) => w.id), this.now()),
        );
        for (const w of group) {
          if (done.has(w.id)) w.resolve();
          else w.reject(new Error("the ledger row was no longer claimed by this worker"));
        }
      } catch (error) {
        for (const w of group) w.reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }
}
