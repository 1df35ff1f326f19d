export { RejectedPage as default, rejectedMetadata as generateMetadata } from "@/features/data/rejected-page";
