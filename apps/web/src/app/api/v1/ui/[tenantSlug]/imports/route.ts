// POST /api/v1/ui/{tenantSlug}/imports — the staff UI's upload (session, not API key); see
// features/data/upload-route.ts for why it is under /api/.
export { uploadFromForm as POST } from "@/features/data/upload-route";
