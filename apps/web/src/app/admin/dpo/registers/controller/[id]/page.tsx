export { ControllerEntryPage as default, controllerEntryMetadata as generateMetadata } from "@/features/dpo/registers/controller-entry-page";
