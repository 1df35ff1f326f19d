export { exportProcessorRegister as GET } from "@/features/dpo/registers/export-route";
