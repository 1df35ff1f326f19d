export { DataPage as default, dataMetadata as generateMetadata } from "@/features/data/data-page";
