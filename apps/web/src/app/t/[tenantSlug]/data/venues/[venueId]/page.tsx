export { VenuePage as default, venueMetadata as generateMetadata } from "@/features/data/venue-page";
