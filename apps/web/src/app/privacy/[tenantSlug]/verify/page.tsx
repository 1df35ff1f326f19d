export { PublicVerifyPage as default, publicRequestMetadata as generateMetadata } from "@/features/privacy/public/public-request-page";
