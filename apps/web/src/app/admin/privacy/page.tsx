export { PrivacyHomePage as default, privacyHomeMetadata as generateMetadata } from "@/features/privacy/privacy-home-page";
