import { VerbatimsPage } from "@/features/satisfaction/verbatims-page";

export default VerbatimsPage;
