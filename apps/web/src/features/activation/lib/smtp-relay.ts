// The tenant's own SMTP relay for campaign e-mail. The password is sealed with the tenant's data
// key and never read back to the browser; leaving it empty keeps the sealed one — but only for
// the same host and user: pointing the relay elsewhere asks for the password again, so nobody
// can send the stored password to a server of their choosing. The connection test uses the same
// rule and sends nothing (EHLO, TLS, AUTH).
import { appendAuditEntry, withTenant, type Database } from "@rappel/db";
import { smtpServerFromRelay, verifySmtpServer, type TRelayCheck, type TSmtpRelayInput, type TSmtpTlsMode } from "@rappel/mail";
import { loadIdentityCodec, type MasterKey } from "@rappel/personal-data";
import type { Scope } from "./segments";

const SECRET = "smtp-relay-password";

export interface SmtpRelaySummary {
  host: string;
  port: number;
  tlsMode: TSmtpTlsMode;
  username: string | null;
  hasPassword: boolean;
  messagesPerSecond: number;
}

export class SmtpRelayError extends Error {
  constructor(readonly code: "password_required") {
    super(code);
  }
}

export async function getSmtpRelay(db: Database, scope: Scope): Promise<SmtpRelaySummary | null> {
  const row = await withTenant(db, scope.tenantId, (tx) => tx.smtpRelay.findUnique({ where: { tenantId: scope.tenantId } }), { userId: scope.userId });
  if (!row) return null;
  return { host: row.host, port: row.port, tlsMode: row.tlsMode as TSmtpTlsMode, username: row.username, hasPassword: row.passwordEnc !== null, messagesPerSecond: row.messagesPerSecond };
}

/** The password to use: the typed one, or the sealed one when host and user are unchanged. */
async function resolvePassword(db: Database, scope: Scope, master: MasterKey, input: TSmtpRelayInput): Promise<{ password: string | null; typed: boolean }> {
  if (input.password) return { password: input.password, typed: true };
  if (!input.username) return { password: null, typed: false };
  return withTenant(db, scope.tenantId, async (tx) => {
    const row = await tx.smtpRelay.findUnique({ where: { tenantId: scope.tenantId } });
    if (!row?.passwordEnc || row.host !== input.host || row.username !== input.username) throw new SmtpRelayError("password_required");
    const codec = await loadIdentityCodec(tx, scope.tenantId, master);
    return { password: codec.openTenantSecret(SECRET, row.passwordEnc), typed: false };
  }, { userId: scope.userId });
}

export async function saveSmtpRelay(db: Database, scope: Scope, master: MasterKey, input: TSmtpRelayInput): Promise<void> {
  const { password, typed } = await resolvePassword(db, scope, master, input);
  await withTenant(db, scope.tenantId, async (tx) => {
    const codec = await loadIdentityCodec(tx, scope.tenantId, master);
    const passwordEnc = password && input.username ? (typed ? codec.sealTenantSecret(SECRET, password) : undefined) : null;
    const data = {
      host: input.host, port: input.port, tlsMode: input.tlsMode, username: input.username, messagesPerSecond: input.messagesPerSecond,
      ...(passwordEnc === undefined ? {} : { passwordEnc }),
    };
    await tx.smtpRelay.upsert({ where: { tenantId: scope.tenantId }, create: { tenantId: scope.tenantId, ...data }, update: data });
    await appendAuditEntry(tx, scope.tenantId, {
      actorUserId: scope.userId, actorKind: "staff", action: "activation.smtp_relay_updated", targetType: "smtp_relay", targetId: scope.tenantId,
      details: { host: input.host, port: input.port, tlsMode: input.tlsMode, username: input.username, passwordReplaced: typed, messagesPerSecond: input.messagesPerSecond },
    });
  }, { userId: scope.userId });
}

export async function removeSmtpRelay(db: Database, scope: Scope): Promise<void> {
  await withTenant(db, scope.tenantId, async (tx) => {
    const removed = await tx.smtpRelay.deleteMany({ where: { tenantId: scope.tenantId } });
    if (removed.count) {
      await appendAuditEntry(tx, scope.tenantId, {
        actorUserId: scope.userId, actorKind: "staff", action: "activation.smtp_relay_removed", targetType: "smtp_relay", targetId: scope.tenantId, details: {},
      });
    }
  }, { userId: scope.userId });
}

/** Connects to the relay as typed (nothing is saved or sent). */
export async function testSmtpRelay(db: Database, scope: Scope, master: MasterKey, input: TSmtpRelayInput, timeoutMs?: number): Promise<TRelayCheck> {
  const { password } = await resolvePassword(db, scope, master, input);
  return verifySmtpServer(smtpServerFromRelay({ ...input, password }), timeoutMs);
}
