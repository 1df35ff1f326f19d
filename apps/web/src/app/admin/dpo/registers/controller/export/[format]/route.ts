export { exportControllerRegister as GET } from "@/features/dpo/registers/export-route";
