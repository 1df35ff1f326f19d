export { SmsSendError, isStopMessage, type SmsProvider, type OutgoingSms, type SentSms, type DeliveryReport, type InboundSms, type TDeliveryState } from "./provider";
export { connectSmppProvider, parseDeliveryReceipt, type SmppProviderOptions } from "./smpp-provider";
export { createHttpSmsProvider, type HttpProviderOptions, type HttpSmsProvider } from "./http-provider";
export {
  ZSmsSettingsInput, SmsNotConfiguredError, connectConfiguredProvider, loadSmsSettings, loadSmsSettingsSummary, saveSmsSettings,
  type SmsSettings, type SmsSettingsSummary, type TSmsSettingsInput,
} from "./settings";
export { signWebhookBody, verifyWebhookSignature } from "./webhook-signature";
export { applyDeliveryReport, applyInboundSms, inboundNumberToE164, type InboundResult } from "./events";
export { handleSmsWebhook, type WebhookAnswer } from "./webhook";
