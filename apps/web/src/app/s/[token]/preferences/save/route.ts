export { postPreferences as POST } from "@/features/satisfaction/public/handlers";
