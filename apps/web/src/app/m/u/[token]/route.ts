export { unsubscribePage as GET, unsubscribeOneClick as POST } from "@/features/activation/public-tracking";
export const dynamic = "force-dynamic";
