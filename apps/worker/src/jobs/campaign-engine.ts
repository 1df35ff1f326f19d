// What every campaign job shares: configuration, the tracking key
// and the group committer that turns many "sent" commits into one UPDATE.
import { loadEnv, type TEnv } from "@rappel/config";
import { deriveTrackingKey, deriveVerpKey } from "@rappel/campaigns";
import { createTenantBatch, type TenantBatch } from "@rappel/db";
import type { MessageEnd } from "@rappel/mail";
import { masterKeyFromEnv, type MasterKey } from "@rappel/personal-data";
import { closeCampaignTransports } from "../mail/campaign-transports";
import { markSentSql } from "./campaign-ledger";

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
  /** The platform relay's messages-per-second limit (tenant relays carry their own). */
  platformPerSecond?: number;
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
    ...(env.SMTP_MESSAGES_PER_SECOND ? { platformPerSecond: env.SMTP_MESSAGES_PER_SECOND } : {}),
  };
}

let ledgerConnections: TenantBatch | null = null;

/** The group commits' own small pool of plain pg connections (see GroupCommitter). */
function ledgerBatch(): TenantBatch {
  return (ledgerConnections ??= createTenantBatch(loadEnv().DATABASE_URL, { max: 8 }));
}

/** For the tests and the process shutdown: the senders' connections and the ledger's. */
export async function closeSenders(): Promise<void> {
  closeCampaignTransports();
  const ledger = ledgerConnections;
  ledgerConnections = null;
  await ledger?.end();
}

interface Waiting {
  id: string;
  end: MessageEnd;
}

/** A group's UPDATE done, its transaction still open. */
export interface PreparedGroup {
  /** The ids the UPDATE took (still claimed by this worker). */
  taken: Set<string>;
  /** Writes COMMIT to the database's socket before returning; the promise is its outcome. */
  commit(): Promise<void>;
}

export interface CommitLoss {
  /** Messages whose terminator went out while their COMMIT failed. */
  spectatorIds: string[];
  error: Error;
  /** Whether marking them sent again, in a new transaction, worked (no duplicate then). */
  recovered: boolean;
}

const NO_LONGER_CLAIMED = "the ledger row was no longer claimed by this worker";

/**
 * Collects messages whose body is on the wire and commits them together. A commit costs a
 * durable PostgreSQL transaction (milliseconds, more on a busy disk), so messages arriving while
 * one is in flight wait and go together in the next: the group grows with the load instead of
 * each timer tick paying a transaction for one or two rows. At most `maxInFlight` commits run at
 * once, so one transaction's fsync overlaps the next group's.
 *
 * The crash window (decision 0006): once the UPDATE has answered, one synchronous piece of code
 * writes every taken message's terminator to its SMTP socket and then the COMMIT to PostgreSQL's
 * socket — no await, no stream in between, so a SIGKILL can only fall between a few system calls.
 * Terminators first: the COMMIT's write wakes PostgreSQL, which took the worker's core while
 * terminators were still to be written (measured: losses); a kill before the COMMIT now means
 * the rows roll back and may be sent again, the rarer failure (decision 0006's figures).
 * A row the UPDATE did not take gets no terminator (its message is aborted); a failed UPDATE
 * aborts the whole group. A COMMIT that fails after the terminators went out may mean duplicates:
 * the rows are marked sent again in a new transaction and `onCommitLoss` reports it.
 */
export class GroupCommitter {
  private waiting: Waiting[] = [];
  private timer: NodeJS.Timeout | null = null;
  private inFlight = 0;

  /** `prepare` marks the rows sent in a transaction it leaves open. */
  constructor(
    private readonly prepare: (spectatorIds: string[]) => Promise<PreparedGroup>,
    private readonly options: { maxBatch?: number; maxDelayMs?: number; maxInFlight?: number; onCommitLoss?: (loss: CommitLoss) => void } = {},
  ) {}

  /** The ledger's group commit for one campaign's rows, on plain pg connections (tenant-scoped). */
  static forCampaign(tenantId: string, campaignId: string, now: () => Date, onCommitLoss: (loss: CommitLoss) => void): GroupCommitter {
    return new GroupCommitter(
      async (ids) => {
        const tx = await ledgerBatch().begin<{ id: string }>(tenantId, markSentSql(tenantId, campaignId, ids, now()));
        return { taken: new Set(tx.rows.map((r) => r.id)), commit: () => tx.commit() };
      },
      { onCommitLoss },
    );
  }

  /** Hands over a message whose body is on the wire: the group's commit finishes or aborts it. */
  add(spectatorId: string, end: MessageEnd): void {
    this.waiting.push({ id: spectatorId, end });
    this.schedule();
  }

  private schedule(): void {
    const { maxBatch = 256, maxDelayMs = 2, maxInFlight = 2 } = this.options;
    if (this.waiting.length === 0) return;
    // A full group may start beside the running commit; otherwise wait for it to finish.
    if (this.waiting.length >= maxBatch && this.inFlight < maxInFlight) this.flush();
    // Nothing running: a short wait lets the other connections' messages join the group.
    else if (this.inFlight === 0) this.timer ??= setTimeout(() => this.flush(), maxDelayMs);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const group = this.waiting.splice(0, this.options.maxBatch ?? 256);
    if (group.length === 0) return;
    this.inFlight += 1;
    const ids = group.map((w) => w.id);
    this.prepare(ids)
      .then(
        ({ taken, commit }) => {
          // From here to the COMMIT's write: no await (see the class comment).
          for (const w of group) if (taken.has(w.id)) w.end.finish();
          const committed = commit();
          for (const w of group) if (!taken.has(w.id)) w.end.abort(new Error(NO_LONGER_CLAIMED));
          return committed.catch((error: unknown) => this.recover([...taken], asError(error)));
        },
        (error: unknown) => {
          for (const w of group) w.end.abort(asError(error));
        },
      )
      .finally(() => {
        this.inFlight -= 1;
        this.schedule();
      });
  }

  /** The terminators are out but the COMMIT failed: mark the rows sent again, and say so loudly. */
  private async recover(spectatorIds: string[], error: Error): Promise<void> {
    let recovered = false;
    try {
      const again = await this.prepare(spectatorIds);
      await again.commit();
      recovered = true;
    } catch {
      recovered = false;
    }
    this.options.onCommitLoss?.({ spectatorIds, error, recovered });
  }
}

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));
