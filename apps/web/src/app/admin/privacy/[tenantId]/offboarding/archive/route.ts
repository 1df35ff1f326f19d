export { getExportArchive as GET } from "@/features/privacy/offboarding/download-routes";
