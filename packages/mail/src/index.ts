export {
  createMailTransport,
  ZMailTransportOptions,
  type MailTransport,
  type TDkimKey,
  type TMailTransportOptions,
  type TOutgoingMail,
  type TSentMail,
} from "./transport";
export { classifySmtpError, type TSmtpFailure } from "./smtp-errors";
export { listUnsubscribeHeaders } from "./list-unsubscribe";
export { createCommittedSender, type CommittedSender, type CommittedSenderOptions, type MessageEnd } from "./committed-sender";
export { escapeHtml } from "./html";
export { buildMime } from "./mime";
export {
  dkimDnsRecord,
  InvalidDkimKeyError,
  normaliseDkimPrivateKey,
  ZDkimSettingsInput,
  type DkimPublication,
  type TDkimKeyProblem,
  type TDkimSettingsInput,
} from "./dkim-key";
export {
  InvalidSmtpUrlError,
  SMTP_TLS_MODES,
  smtpServerFromRelay,
  smtpServerFromUrl,
  verifySmtpServer,
  ZSmtpRelayInput,
  type TRelayCheck,
  type TSmtpRelayInput,
  type TSmtpServer,
  type TSmtpTlsMode,
} from "./smtp-server";
