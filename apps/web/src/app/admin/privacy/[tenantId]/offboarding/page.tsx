export { OffboardingPage as default, offboardingMetadata as generateMetadata } from "@/features/privacy/offboarding/offboarding-page";
