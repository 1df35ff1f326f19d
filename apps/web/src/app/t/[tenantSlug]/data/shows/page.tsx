export { ShowsPage as default, showsMetadata as generateMetadata } from "@/features/data/shows-page";
