export { IgnitionShowPage as default } from "@/features/ignition/show-page";
export { ignitionMetadata as generateMetadata } from "@/features/ignition/overview-page";
