export { TenantSubprocessorsPage as default, tenantSubprocessorsMetadata as generateMetadata } from "@/features/dpo/subprocessors/tenant-subprocessors-page";
