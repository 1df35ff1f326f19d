export { MappingPage as default, mappingMetadata as generateMetadata } from "@/features/data/mapping-page";
