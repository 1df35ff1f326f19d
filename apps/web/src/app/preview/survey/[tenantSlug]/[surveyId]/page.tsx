import { SurveyPreviewPage } from "@/features/satisfaction/preview-page";

export default SurveyPreviewPage;
