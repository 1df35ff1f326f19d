export { TenantLayout as default } from "@/features/shell/tenant-layout";
