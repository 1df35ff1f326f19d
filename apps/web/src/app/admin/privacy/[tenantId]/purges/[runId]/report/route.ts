export { getPurgeReport as GET } from "@/features/privacy/purge-report-route";
