export { VendorPage as default, vendorMetadata as generateMetadata } from "@/features/dpo/vendor/vendor-page";
