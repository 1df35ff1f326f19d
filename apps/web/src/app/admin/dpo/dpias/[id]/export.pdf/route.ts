export { exportDpiaPdf as GET } from "@/features/dpo/dpias/export-route";
