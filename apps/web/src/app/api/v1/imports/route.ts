// POST /api/v1/imports — see features/data/api/imports-api.ts.
export { postImport as POST } from "@/features/data/api/imports-api";
