import { areaMetadata, createAreaPage } from "@/features/areas/area-page";

export default createAreaPage("ignition");
export const generateMetadata = areaMetadata("ignition");
