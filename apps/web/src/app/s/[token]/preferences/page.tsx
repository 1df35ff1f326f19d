import type { Metadata } from "next";
import { SurveyPreferencesPage } from "@/features/satisfaction/public/preferences-page";

export const metadata: Metadata = { title: "Préférences", robots: { index: false, follow: false }, referrer: "no-referrer" };
export default SurveyPreferencesPage;
