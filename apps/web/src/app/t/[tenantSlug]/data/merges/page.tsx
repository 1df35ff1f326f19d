export { MergesPage as default, mergesMetadata as generateMetadata } from "@/features/data/merges-page";
