export { DpiasPage as default, dpiasMetadata as generateMetadata } from "@/features/dpo/dpias/dpias-page";
