// The worker's SMS connections, one per tenant that configured a provider. An SMPP account is a
// long-lived bind: the same session submits messages and receives delivery receipts and inbound
// messages (STOP), so the gateway keeps it open even between campaigns and re-binds with
// exponential backoff when it drops. A settings change rebinds the tenant at once (the web app's
// signal, ./sms-settings-listener.ts); `keepReceiversBound`, every minute, is the safety net. HTTP
// providers need no connection; their receipts come through the web app's signed webhook.
import { withTenant, type Database } from "@rappel/db";
import type { MasterKey } from "@rappel/personal-data";
import { connectConfiguredProvider, loadSmsSettings, type DeliveryReport, type InboundSms, type SmsProvider, type SmsSettings } from "@rappel/sms";
import { errorFields, type Logger } from "../logger";

export interface SmsEventSink {
  report(tenantId: string, report: DeliveryReport): Promise<void>;
  inbound(tenantId: string, sms: InboundSms): Promise<void>;
}

interface Connection {
  fingerprint: string;
  provider: Promise<SmsProvider>;
}

const fingerprintOf = (s: SmsSettings) => JSON.stringify([s.provider, s.endpointUrl, s.systemId, s.secret]);
export const RECONNECT_MAX_MS = 60_000;
export const reconnectDelayMs = (failures: number) => Math.min(1_000 * 2 ** Math.max(failures - 1, 0), RECONNECT_MAX_MS);

export class SmsGateway {
  private readonly connections = new Map<string, Connection>();
  private readonly failures = new Map<string, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly options: {
      db: Database;
      master: MasterKey;
      logger: Logger;
      sink: SmsEventSink;
      connect?: (settings: SmsSettings) => Promise<SmsProvider>;
    },
  ) {}

  async settingsFor(tenantId: string): Promise<SmsSettings | null> {
    return withTenant(this.options.db, tenantId, (tx) => loadSmsSettings(tx, tenantId, this.options.master));
  }

  /** The tenant's provider, connected (or reused when its settings did not change). */
  async providerFor(settings: SmsSettings): Promise<SmsProvider> {
    if (this.closed) throw new Error("the SMS gateway is closed");
    const fingerprint = fingerprintOf(settings);
    const existing = this.connections.get(settings.tenantId);
    if (existing?.fingerprint === fingerprint) return existing.provider;
    if (existing) void existing.provider.then((p) => p.close()).catch(() => undefined);
    const provider = this.open(settings);
    this.connections.set(settings.tenantId, { fingerprint, provider });
    provider.catch(() => {
      if (this.connections.get(settings.tenantId)?.provider === provider) this.connections.delete(settings.tenantId);
    });
    return provider;
  }

  private async open(settings: SmsSettings): Promise<SmsProvider> {
    const { tenantId } = settings;
    const provider = await (this.options.connect ?? connectConfiguredProvider)(settings);
    this.failures.delete(tenantId);
    const log = (what: string) => (error: unknown) => this.options.logger.error(what, { tenantId, ...errorFields(error) });
    provider.onDeliveryReport((r) => void this.options.sink.report(tenantId, r).catch(log("SMS delivery receipt not applied")));
    provider.onInbound((s) => void this.options.sink.inbound(tenantId, s).catch(log("inbound SMS not applied")));
    provider.onClose?.(() => {
      this.connections.delete(tenantId);
      this.options.logger.warn("SMS provider connection lost, re-binding", { tenantId });
      this.scheduleReconnect(tenantId);
    });
    return provider;
  }

  private scheduleReconnect(tenantId: string): void {
    if (this.closed) return;
    const failures = (this.failures.get(tenantId) ?? 0) + 1;
    this.failures.set(tenantId, failures);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.ensureBound(tenantId);
    }, reconnectDelayMs(failures));
    this.timers.add(timer);
  }

  /** Keeps the tenant's SMPP bind open (receipts and STOP arrive on it); backs off on failure. */
  async ensureBound(tenantId: string): Promise<boolean> {
    if (this.closed) return false;
    try {
      const settings = await this.settingsFor(tenantId);
      // Not SMPP, or not usable yet (no password): nothing to keep bound, nothing to retry.
      if (!settings || settings.provider !== "smpp" || !settings.secret || !settings.systemId) {
        await this.drop(tenantId);
        return false;
      }
      await this.providerFor(settings);
      return true;
    } catch (error) {
      this.options.logger.warn("SMS provider bind failed", { tenantId, ...errorFields(error) });
      this.scheduleReconnect(tenantId);
      return false;
    }
  }

  /**
   * The safety net behind the settings-changed signal (run at start and every minute by the
   * worker): re-reads every active tenant's settings, so a bind follows a changed configuration
   * and one whose SMPP configuration was removed, or whose tenant is no longer active, is closed.
   */
  async keepReceiversBound(): Promise<number> {
    const tenants = await this.options.db.tenant.findMany({ where: { status: "active" }, select: { id: true } });
    const active = new Set(tenants.map((t) => t.id));
    for (const id of [...this.connections.keys()]) if (!active.has(id)) await this.drop(id);
    let bound = 0;
    for (const id of active) if (await this.ensureBound(id)) bound += 1;
    return bound;
  }

  /** Whether the tenant has a (possibly still connecting) provider connection in this process. */
  isBound(tenantId: string): boolean {
    return this.connections.has(tenantId);
  }

  private async drop(tenantId: string): Promise<void> {
    const existing = this.connections.get(tenantId);
    this.connections.delete(tenantId);
    if (existing) await existing.provider.then((p) => p.close()).catch(() => undefined);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await Promise.all([...this.connections.keys()].map((id) => this.drop(id)));
  }
}
