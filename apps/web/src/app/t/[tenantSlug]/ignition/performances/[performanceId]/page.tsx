export { IgnitionPerformancePage as default } from "@/features/ignition/performance-page";
export { ignitionMetadata as generateMetadata } from "@/features/ignition/overview-page";
