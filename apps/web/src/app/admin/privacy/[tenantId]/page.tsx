export { TenantPrivacyPage as default, tenantPrivacyMetadata as generateMetadata } from "@/features/privacy/tenant-privacy-page";
