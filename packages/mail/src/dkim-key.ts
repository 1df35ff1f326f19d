// A tenant's DKIM key: checked when it is entered (a PEM private key nodemailer can sign with),
// and turned into the DNS TXT record the venue publishes at <selector>._domainkey.<domain>.
import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { z } from "zod";

export type TDkimKeyProblem = "not_pem" | "not_private" | "unsupported_type" | "too_short";

export class InvalidDkimKeyError extends Error {
  constructor(readonly problem: TDkimKeyProblem) {
    super(
      {
        not_pem: "the DKIM key is not a PEM private key (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----)",
        not_private: "this is a public key: paste the private key (the public one goes in DNS)",
        unsupported_type: "only RSA DKIM keys are supported (what receivers verify everywhere)",
        too_short: "the RSA key must be at least 1024 bits (2048 recommended)",
      }[problem],
    );
    this.name = "InvalidDkimKeyError";
  }
}

export interface DkimPublication {
  /** The DNS name of the TXT record. */
  name: string;
  /** Its value. */
  value: string;
}

function loadRsaPrivateKey(pem: string): KeyObject {
  const text = pem.trim();
  if (/-----BEGIN (RSA )?PUBLIC KEY-----/.test(text)) throw new InvalidDkimKeyError("not_private");
  if (!/^-----BEGIN (RSA |ENCRYPTED |EC )?PRIVATE KEY-----[\s\S]+-----END (RSA |ENCRYPTED |EC )?PRIVATE KEY-----$/.test(text)) {
    throw new InvalidDkimKeyError("not_pem");
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: text, format: "pem" });
  } catch {
    throw new InvalidDkimKeyError("not_pem");
  }
  if (key.asymmetricKeyType !== "rsa") throw new InvalidDkimKeyError("unsupported_type");
  if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < 1024) throw new InvalidDkimKeyError("too_short");
  return key;
}

/** The private key re-exported as PKCS#8 PEM (what is sealed), or an InvalidDkimKeyError. */
export function normaliseDkimPrivateKey(pem: string): string {
  return loadRsaPrivateKey(pem).export({ type: "pkcs8", format: "pem" }).toString();
}

/** The TXT record to publish for this key (RFC 6376 §3.6.1). */
export function dkimDnsRecord(privateKeyPem: string, domain: string, selector: string): DkimPublication {
  const spki = createPublicKey(loadRsaPrivateKey(privateKeyPem)).export({ type: "spki", format: "der" });
  return { name: `${selector}._domainkey.${domain}`, value: `v=DKIM1; k=rsa; p=${spki.toString("base64")}` };
}

const hostname = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** The settings form's fields. The key may be left empty to keep the one already sealed. */
export const ZDkimSettingsInput = z.object({
  domain: z.string().trim().toLowerCase().regex(hostname, { message: "invalid_domain" }),
  selector: z.string().trim().toLowerCase().regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, { message: "invalid_selector" }),
  privateKey: z
    .string()
    .trim()
    .max(16_384, { message: "invalid_key" })
    .optional()
    .transform((v) => v || undefined),
});
export type TDkimSettingsInput = z.infer<typeof ZDkimSettingsInput>;
