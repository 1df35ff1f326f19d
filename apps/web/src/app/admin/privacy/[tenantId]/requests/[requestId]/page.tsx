export { RequestPage as default } from "@/features/privacy/request-page";
