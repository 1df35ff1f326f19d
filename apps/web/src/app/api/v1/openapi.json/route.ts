// GET /api/v1/openapi.json — the API's OpenAPI 3.1 description (public: it holds no data).
import { loadEnv } from "@rappel/config";
import { buildOpenApiDocument } from "@/features/data/api/openapi";

export function GET(): Response {
  return Response.json(buildOpenApiDocument(loadEnv().APP_URL), { headers: { "Cache-Control": "public, max-age=300" } });
}
