export { TenantRequestDetailPage as default, tenantRequestDetailMetadata as generateMetadata } from "@/features/privacy/tenant-requests/request-detail-page";
