export { DpiaPage as default, dpiaMetadata as generateMetadata } from "@/features/dpo/dpias/dpia-page";
