import type { Metadata } from "next";
import { SurveyAnswerPage } from "@/features/satisfaction/public/answer-page";

export const metadata: Metadata = { title: "Questionnaire", robots: { index: false, follow: false }, referrer: "no-referrer" };
export default SurveyAnswerPage;
