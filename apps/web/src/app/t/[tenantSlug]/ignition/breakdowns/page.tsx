export { IgnitionBreakdownsPage as default } from "@/features/ignition/breakdowns-page";
export { ignitionMetadata as generateMetadata } from "@/features/ignition/overview-page";
