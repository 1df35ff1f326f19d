export { exportAnnex as GET } from "@/features/dpo/annex/annex-route";
