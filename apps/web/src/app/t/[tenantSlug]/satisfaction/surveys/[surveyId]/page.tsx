import { SurveyBuilderPage } from "@/features/satisfaction/builder-page";

export default SurveyBuilderPage;
