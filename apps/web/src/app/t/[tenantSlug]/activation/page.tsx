import { areaMetadata, createAreaPage } from "@/features/areas/area-page";

export default createAreaPage("activation");
export const generateMetadata = areaMetadata("activation");
