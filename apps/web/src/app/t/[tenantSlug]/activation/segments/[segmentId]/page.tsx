export { SegmentPage as default } from "@/features/activation/segment-page";
