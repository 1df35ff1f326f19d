// POST /api/v1/imports/{importId}/mapping — see features/data/api/imports-api.ts.
export { postImportMapping as POST } from "@/features/data/api/imports-api";
