export { RegistersPage as default, registersMetadata as generateMetadata } from "@/features/dpo/registers/registers-page";
