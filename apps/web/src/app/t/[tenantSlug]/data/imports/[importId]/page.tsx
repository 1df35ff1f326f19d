export { ImportPage as default, importMetadata as generateMetadata } from "@/features/data/import-page";
