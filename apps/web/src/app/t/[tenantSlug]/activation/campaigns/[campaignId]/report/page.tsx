export { CampaignReportPage as default } from "@/features/activation/report-page";
