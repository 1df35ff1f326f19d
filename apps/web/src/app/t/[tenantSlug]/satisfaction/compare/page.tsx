import { SatisfactionComparePage } from "@/features/satisfaction/compare-page";

export default SatisfactionComparePage;
