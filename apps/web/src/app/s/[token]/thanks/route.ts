export { getThanksPage as GET } from "@/features/satisfaction/public/page-routes";
export const dynamic = "force-dynamic";
