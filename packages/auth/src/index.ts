export { hashPassword, verifyPassword, MIN_PASSWORD_LENGTH } from "./password";
export { generateTotpSecret, totpCode, checkTotp, totpUri, sealTotpSecret, openTotpSecret } from "./totp";
