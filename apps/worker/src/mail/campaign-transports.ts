// Which SMTP relay a tenant's campaign e-mail leaves through, and at what pace. A tenant with its
// own relay (Settings → sending) sends through it, logged in with its sealed password; any other
// tenant through the platform's relay (SMTP_URL). One pooled committed sender per relay and per
// process; a relay's messages-per-second limit is shared by every worker process (Redis) because
// it is the relay's contract, not the process's.
import { createHash } from "node:crypto";
import type { Tx } from "@rappel/db";
import { createCommittedSender, smtpServerFromRelay, smtpServerFromUrl, type CommittedSender, type TSmtpServer, type TSmtpTlsMode } from "@rappel/mail";
import type { SpectatorIdentityCodec } from "@rappel/personal-data";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { createSendThrottle, type SendThrottle } from "../throttle/send-throttle";

/** The sealed-secret purpose of a relay password (the web app seals with the same). */
export const SMTP_RELAY_SECRET = "smtp-relay-password" as const;

export interface CampaignTransport {
  /** Names the relay in logs, pools and the throttle; never contains the password. */
  key: string;
  sender: CommittedSender;
  /** Messages per second allowed through this relay; null: no limit. */
  perSecond: number | null;
  /** The server, for one-off messages (test sends) through the same relay. */
  server: TSmtpServer;
}

export interface TenantRelay {
  server: TSmtpServer;
  messagesPerSecond: number;
}

/** The tenant's relay with its password opened, or null when it sends through the platform's. */
export async function loadTenantRelay(tx: Tx, tenantId: string, codec: SpectatorIdentityCodec): Promise<TenantRelay | null> {
  const relay = await tx.smtpRelay.findUnique({ where: { tenantId } });
  if (!relay) return null;
  const password = relay.passwordEnc ? codec.openTenantSecret(SMTP_RELAY_SECRET, relay.passwordEnc) : null;
  return {
    server: smtpServerFromRelay({ host: relay.host, port: relay.port, tlsMode: relay.tlsMode as TSmtpTlsMode, username: relay.username, password }),
    messagesPerSecond: relay.messagesPerSecond,
  };
}

const senders = new Map<string, CommittedSender>();

/** A changed password or TLS mode is a different pool: connections logged in with the old one are not reused. */
function poolKey(server: TSmtpServer): string {
  const secret = createHash("sha256").update(JSON.stringify(server)).digest("hex").slice(0, 16);
  return `${server.host}:${server.port}#${secret}`;
}

export function campaignTransportFor(
  platform: { smtpUrl: string; maxConnections: number; platformPerSecond?: number },
  relay: TenantRelay | null,
): CampaignTransport {
  const server = relay ? relay.server : smtpServerFromUrl(platform.smtpUrl);
  const key = relay ? `tenant-relay:${server.host}:${server.port}:${server.auth?.user ?? ""}` : "platform";
  const pool = relay ? poolKey(server) : platform.smtpUrl;
  let sender = senders.get(pool);
  if (!sender) {
    sender = createCommittedSender(server, { maxConnections: platform.maxConnections });
    senders.set(pool, sender);
  }
  return { key, sender, server, perSecond: relay ? relay.messagesPerSecond : (platform.platformPerSecond ?? null) };
}

export function closeCampaignTransports(): void {
  for (const s of senders.values()) s.close();
  senders.clear();
}

/** Within one process only: the worker process installs the Redis one shared by all processes. */
export function createMemoryRelayThrottle(): SendThrottle {
  return createSendThrottle((perSecond) => new RateLimiterMemory({ keyPrefix: `smtp:${perSecond}`, points: perSecond, duration: 1 }), "SMTP relay throttle");
}

let throttle: SendThrottle = createMemoryRelayThrottle();

export function installRelayThrottle(next: SendThrottle | null): void {
  throttle = next ?? createMemoryRelayThrottle();
}

/** Waits for the relay's next free slot (no wait when it has no limit). */
export async function takeRelaySlot(transport: CampaignTransport, signal?: AbortSignal): Promise<void> {
  if (transport.perSecond !== null) await throttle.take(transport.key, transport.perSecond, signal);
}
