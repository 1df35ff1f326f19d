export { hashPassword, verifyPassword, MIN_PASSWORD_LENGTH } from "./password";
export { generateTotpSecret, totpCode, checkTotp, totpUri, sealTotpSecret, openTotpSecret, resealTotpSecrets } from "./totp";
export { SignInError, parseSignInErrorCode, SIGN_IN_FAILURES, type SignInFailure } from "./errors";
export {
  SignInThrottle,
  DEFAULT_THROTTLE,
  type ThrottlePolicy,
  type ThrottleKey,
  type ThrottleVerdict,
  type SignInThrottleOptions,
} from "./throttle";
export {
  authenticateStaff,
  ZSignInAttempt,
  type TSignInAttempt,
  type StaffIdentity,
  type AuthenticateDeps,
  type SignInLogEvent,
} from "./authenticate";
export {
  ZSessionClaims,
  ZTenantSlug,
  loadStaffUser,
  listTenantMemberships,
  decideTenantAccess,
  resolveTenantAccess,
  decidePlatformAccess,
  allowedAreas,
  homePath,
  type TSessionClaims,
  type StaffUser,
  type TenantMembershipView,
  type TenantAccess,
} from "./staff-access";
export { safeCallbackPath } from "./callback-path";
