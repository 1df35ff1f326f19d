import type { Metadata } from "next";
import { areaMetadata } from "@/features/areas/area-page";
import { SatisfactionResultsPage } from "@/features/satisfaction/results-page";

export const generateMetadata: () => Promise<Metadata> = areaMetadata("satisfaction");
export default SatisfactionResultsPage;
