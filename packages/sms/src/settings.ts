// The tenant's SMS provider settings: which provider (SMPP bind or HTTP API), its credentials
// sealed with the tenant's data key (so a database dump holds no usable password, and crypto-
// shredding the tenant destroys them too), the provider's rate, the price per segment, the
// opt-out mention and the send window. Read and written only inside a tenant-scoped transaction.
import { DEFAULT_SMS_WINDOW, ZSendWindow, type TSendWindow } from "@rappel/campaigns";
import { toBytes, type Tx } from "@rappel/db";
import { MissingDataKeyError, open, seal, unwrapStoredDataKey, type MasterKey } from "@rappel/personal-data";
import { z } from "zod";
import { createHttpSmsProvider } from "./http-provider";
import type { SmsProvider } from "./provider";
import { connectSmppProvider } from "./smpp-provider";

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const minuteOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export const ZSmsSettingsInput = z
  .object({
    provider: z.enum(["smpp", "http"]),
    endpointUrl: z.string().trim().min(1).max(300),
    systemId: z.string().trim().max(16).optional().or(z.literal("").transform(() => undefined)),
    /** Empty keeps the stored secret. */
    secret: z.string().max(200).optional().or(z.literal("").transform(() => undefined)),
    webhookSecret: z.string().max(200).optional().or(z.literal("").transform(() => undefined)),
    messagesPerSecond: z.coerce.number().int().min(1).max(1000),
    pricePerSegmentCents: z.coerce.number().int().min(0).max(1000),
    optOutMention: z.string().trim().min(4).max(40),
    alsaceMoselle: z.boolean(),
    skipHolidays: z.boolean(),
    /** The send window's days (ISO, 1 = Monday) and hours ("HH:MM", Paris time); absent: the default window. */
    weekdays: z.array(z.coerce.number().int().min(1).max(7)).min(1).optional(),
    startTime: z.string().regex(TIME).optional(),
    endTime: z.string().regex(TIME).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.startTime && v.endTime && minuteOf(v.endTime) <= minuteOf(v.startTime)) {
      ctx.addIssue({ code: "custom", path: ["endTime"], message: "after the start" });
    }
    const scheme = v.provider === "smpp" ? /^smpps?:\/\/[^/\s]+:\d+$/ : /^https?:\/\/\S+$/;
    if (!scheme.test(v.endpointUrl)) {
      ctx.addIssue({ code: "custom", path: ["endpointUrl"], message: v.provider === "smpp" ? "smpp://host:port" : "https://…" });
    }
    if (v.provider === "smpp" && !v.systemId) ctx.addIssue({ code: "custom", path: ["systemId"], message: "required for SMPP" });
  });
export type TSmsSettingsInput = z.infer<typeof ZSmsSettingsInput>;

export interface SmsSettings {
  tenantId: string;
  provider: "smpp" | "http";
  endpointUrl: string;
  systemId: string | null;
  secret: string | null;
  webhookSecret: string | null;
  messagesPerSecond: number;
  pricePerSegmentCents: number;
  optOutMention: string;
  sendWindow: TSendWindow;
}

/** The settings without their secrets (what a settings form shows). */
export type SmsSettingsSummary = Omit<SmsSettings, "secret" | "webhookSecret"> & { hasSecret: boolean; hasWebhookSecret: boolean };

const aad = (tenantId: string, what: "secret" | "webhook") => `sms-settings:${tenantId}:${what}`;

async function dataKey(tx: Tx, tenantId: string, master: MasterKey | readonly MasterKey[]): Promise<Buffer> {
  const row = await tx.tenantDataKey.findFirst({ where: { tenantId, retiredAt: null }, orderBy: { createdAt: "desc" } });
  if (!row) throw new MissingDataKeyError(`tenant ${tenantId} has no active data key (destroyed or never created)`);
  return unwrapStoredDataKey(master, row, tenantId);
}

function windowOf(raw: unknown): TSendWindow {
  const parsed = ZSendWindow.safeParse(raw);
  return parsed.success ? parsed.data : DEFAULT_SMS_WINDOW;
}

export async function loadSmsSettingsSummary(tx: Tx, tenantId: string): Promise<SmsSettingsSummary | null> {
  const row = await tx.smsSettings.findUnique({ where: { tenantId } });
  if (!row) return null;
  return {
    tenantId, provider: row.provider === "http" ? "http" : "smpp", endpointUrl: row.endpointUrl, systemId: row.systemId,
    messagesPerSecond: row.messagesPerSecond, pricePerSegmentCents: row.pricePerSegmentCents, optOutMention: row.optOutMention,
    sendWindow: windowOf(row.sendWindow), hasSecret: row.secretEnc !== null, hasWebhookSecret: row.webhookSecretEnc !== null,
  };
}

/** The settings with their secrets opened (worker and webhook only). */
export async function loadSmsSettings(tx: Tx, tenantId: string, master: MasterKey | readonly MasterKey[]): Promise<SmsSettings | null> {
  const row = await tx.smsSettings.findUnique({ where: { tenantId } });
  if (!row) return null;
  const key = row.secretEnc || row.webhookSecretEnc ? await dataKey(tx, tenantId, master) : null;
  const unseal = (sealed: Uint8Array | null, what: "secret" | "webhook") => (sealed && key ? open(key, sealed, aad(tenantId, what)).toString("utf8") : null);
  const { hasSecret: _s, hasWebhookSecret: _w, ...summary } = (await loadSmsSettingsSummary(tx, tenantId))!;
  return { ...summary, secret: unseal(row.secretEnc, "secret"), webhookSecret: unseal(row.webhookSecretEnc, "webhook") };
}

export async function saveSmsSettings(tx: Tx, tenantId: string, master: MasterKey, input: TSmsSettingsInput): Promise<void> {
  const key = input.secret || input.webhookSecret ? await dataKey(tx, tenantId, master) : null;
  const sealed = (value: string | undefined, what: "secret" | "webhook") => (value && key ? toBytes(seal(key, value, aad(tenantId, what))) : undefined);
  const data = {
    provider: input.provider, endpointUrl: input.endpointUrl, systemId: input.systemId ?? null,
    messagesPerSecond: input.messagesPerSecond, pricePerSegmentCents: input.pricePerSegmentCents, optOutMention: input.optOutMention,
    sendWindow: {
      ...DEFAULT_SMS_WINDOW, alsaceMoselle: input.alsaceMoselle, skipHolidays: input.skipHolidays,
      ...(input.weekdays ? { weekdays: [...new Set(input.weekdays)].sort() } : {}),
      ...(input.startTime ? { startMinute: minuteOf(input.startTime) } : {}),
      ...(input.endTime ? { endMinute: minuteOf(input.endTime) } : {}),
    },
    ...(input.secret ? { secretEnc: sealed(input.secret, "secret") } : {}),
    ...(input.webhookSecret ? { webhookSecretEnc: sealed(input.webhookSecret, "webhook") } : {}),
  };
  await tx.smsSettings.upsert({ where: { tenantId }, create: { tenantId, ...data }, update: data });
}

export class SmsNotConfiguredError extends Error {
  constructor(what: string) {
    super(`SMS provider not usable: ${what} (set it on the activation page's SMS settings)`);
    this.name = "SmsNotConfiguredError";
  }
}

/** Opens a provider from the settings: an SMPP bind (long-lived) or an HTTP client. */
export async function connectConfiguredProvider(settings: SmsSettings): Promise<SmsProvider> {
  if (!settings.secret) throw new SmsNotConfiguredError(settings.provider === "smpp" ? "no SMPP password" : "no HTTP token");
  if (settings.provider === "http") return createHttpSmsProvider({ url: settings.endpointUrl, token: settings.secret });
  if (!settings.systemId) throw new SmsNotConfiguredError("no SMPP system id");
  return connectSmppProvider({ url: settings.endpointUrl, systemId: settings.systemId, password: settings.secret });
}
