export { openPixel as GET } from "@/features/activation/public-tracking";
export const dynamic = "force-dynamic";
