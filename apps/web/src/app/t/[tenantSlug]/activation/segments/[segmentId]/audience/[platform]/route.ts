export { downloadAudience as GET } from "@/features/activation/audience-route";
