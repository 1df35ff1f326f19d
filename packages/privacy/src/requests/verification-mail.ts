// The one-time code of the public request form, sent by e-mail (French first, then English).
// The message carries the code only: no request details, nothing about the person's data.
import type { MailTransport, TSentMail } from "@rappel/mail";

export async function sendVerificationCode(
  transport: MailTransport,
  message: { from: string; to: string; code: string; tenantName: string },
): Promise<TSentMail> {
  return transport.send({
    from: message.from,
    to: message.to,
    subject: `Votre code de vérification / Your verification code : ${message.code}`,
    text: [
      `Bonjour,`,
      ``,
      `Pour confirmer votre demande concernant vos données personnelles auprès de ${message.tenantName}, saisissez ce code : ${message.code}`,
      `Il est valable 15 minutes. Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.`,
      ``,
      `To confirm your personal-data request to ${message.tenantName}, enter this code: ${message.code}`,
      `It is valid for 15 minutes. If you did not make this request, ignore this message.`,
    ].join("\n"),
  });
}
