import { SurveysPage } from "@/features/satisfaction/surveys-page";

export default SurveysPage;
