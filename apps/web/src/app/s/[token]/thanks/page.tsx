import type { Metadata } from "next";
import { SurveyThanksPage } from "@/features/satisfaction/public/thanks-page";

export const metadata: Metadata = { title: "Merci", robots: { index: false, follow: false }, referrer: "no-referrer" };
export default SurveyThanksPage;
