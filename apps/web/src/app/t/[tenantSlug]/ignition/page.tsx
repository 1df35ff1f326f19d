export { IgnitionOverviewPage as default, ignitionMetadata as generateMetadata } from "@/features/ignition/overview-page";
