export { postAnswer as POST } from "@/features/satisfaction/public/handlers";
