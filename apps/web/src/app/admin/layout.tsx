export { AdminLayout as default } from "@/features/shell/admin-layout";
