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

/**
 * Collects "this body is on the wire" signals and commits them together. A commit costs a
 * durable PostgreSQL transaction (milliseconds, more on a busy disk), so signals arriving while
 * one is in flight wait and go together in the next: the group grows with the load instead of
 * each timer tick paying a transaction for one or two rows. At most `maxInFlight` commits run at
 * once, so one transaction's fsync overlaps the next group's.
 */
export class GroupCommitter {
  private waiting: Waiting[] = [];
  private timer: NodeJS.Timeout | null = null;
  private inFlight = 0;

  /** `commitGroup` marks the rows sent and returns the ids it really committed. */
  constructor(
    private readonly commitGroup: (spectatorIds: string[]) => Promise<Set<string>>,
    private readonly options: { maxBatch?: number; maxDelayMs?: number; maxInFlight?: number } = {},
  ) {}

  /** The ledger's group commit for one campaign's rows. */
  static forCampaign(db: Database, tenantId: string, campaignId: string, now: () => Date): GroupCommitter {
    return new GroupCommitter((ids) => withTenant(db, tenantId, (tx) => markSent(tx, tenantId, campaignId, ids, now())));
  }

  commit(spectatorId: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ id: spectatorId, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    const { maxBatch = 256, maxDelayMs = 2, maxInFlight = 2 } = this.options;
    if (this.waiting.length === 0) return;
    // A full group may start beside the running commit; otherwise wait for it to finish.
    if (this.waiting.length >= maxBatch && this.inFlight < maxInFlight) this.flush();
    // Nothing running: a short wait lets the other connections' signals join the group.
    else if (this.inFlight === 0) this.timer ??= setTimeout(() => this.flush(), maxDelayMs);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const group = this.waiting.splice(0, this.options.maxBatch ?? 256);
    if (group.length === 0) return;
    this.inFlight += 1;
    this.commitGroup(group.map((w) => w.id))
      .then(
        (done) => {
          for (const w of group) {
            if (done.has(w.id)) w.resolve();
            else w.reject(new Error("the ledger row was no longer claimed by this worker"));
          }
        },
        (error: unknown) => {
          for (const w of group) w.reject(error instanceof Error ? error : new Error(String(error)));
        },
      )
      .finally(() => {
        this.inFlight -= 1;
        this.schedule();
      });
  }
}
