export { exportResponses as GET } from "@/features/satisfaction/export-route";
