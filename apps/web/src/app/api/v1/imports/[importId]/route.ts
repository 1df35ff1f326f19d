// GET /api/v1/imports/{importId} — see features/data/api/imports-api.ts.
export { getImport as GET } from "@/features/data/api/imports-api";
