export { ProcessorEntryPage as default, processorEntryMetadata as generateMetadata } from "@/features/dpo/registers/processor-entry-page";
