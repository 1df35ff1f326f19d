export { TenantHomePage as default } from "@/features/shell/tenant-home-page";
