export { postOneClickUnsubscribe as POST, getUnsubscribe as GET } from "@/features/satisfaction/public/handlers";
