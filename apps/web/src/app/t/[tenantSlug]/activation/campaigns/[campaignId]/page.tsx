export { CampaignPage as default } from "@/features/activation/campaign-page";
