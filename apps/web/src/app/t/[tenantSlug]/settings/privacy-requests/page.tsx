export { TenantRequestsPage as default, tenantRequestsMetadata as generateMetadata } from "@/features/privacy/tenant-requests/requests-page";
