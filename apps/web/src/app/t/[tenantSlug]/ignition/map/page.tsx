export { IgnitionMapPage as default } from "@/features/ignition/map-page";
export { ignitionMetadata as generateMetadata } from "@/features/ignition/overview-page";
