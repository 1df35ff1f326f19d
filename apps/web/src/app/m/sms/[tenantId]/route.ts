export { smsWebhook as POST } from "@/features/activation/sms-webhook";
export const dynamic = "force-dynamic";
