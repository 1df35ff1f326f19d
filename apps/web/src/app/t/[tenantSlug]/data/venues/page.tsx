export { VenuesPage as default, venuesMetadata as generateMetadata } from "@/features/data/venues-page";
