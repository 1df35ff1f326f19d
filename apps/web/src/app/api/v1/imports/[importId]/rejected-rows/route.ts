// GET /api/v1/imports/{importId}/rejected-rows — see features/data/api/imports-api.ts.
export { getRejectedRows as GET } from "@/features/data/api/imports-api";
