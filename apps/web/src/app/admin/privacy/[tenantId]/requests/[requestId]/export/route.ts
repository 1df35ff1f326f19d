export { getRequestExport as GET } from "@/features/privacy/request-export-route";
