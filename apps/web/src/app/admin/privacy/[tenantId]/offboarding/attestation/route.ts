export { getAttestation as GET } from "@/features/privacy/offboarding/download-routes";
