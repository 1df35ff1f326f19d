import { areaMetadata, createAreaPage } from "@/features/areas/area-page";

export default createAreaPage("data");
export const generateMetadata = areaMetadata("data");
