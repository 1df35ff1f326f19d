export { TenantsPage as default, tenantsMetadata as generateMetadata } from "@/features/admin/tenants-page";
