import { areaMetadata, createAreaPage } from "@/features/areas/area-page";

export default createAreaPage("satisfaction");
export const generateMetadata = areaMetadata("satisfaction");
