// GET …/segments/<id>/audience/meta|google → a hashed custom-audience CSV (download).
import { loadEnv } from "@rappel/config";
import { masterKeyFromEnv } from "@rappel/personal-data";
import { z } from "zod";
import { getDb } from "@/server/db";
import { requireTenantPermission } from "@/server/guard";
import { exportSegmentAudience } from "./lib/audience-export";

export async function downloadAudience(_request: Request, { params }: { params: Promise<{ tenantSlug: string; segmentId: string; platform: string }> }) {
  const { tenantSlug, segmentId, platform } = await params;
  const { user, tenant } = await requireTenantPermission(tenantSlug, "activation.campaigns.send");
  const p = z.enum(["meta", "google"]).safeParse(platform);
  if (!p.success || !z.uuid().safeParse(segmentId).success) return new Response("Not found", { status: 404 });
  const csv = await exportSegmentAudience(getDb(), { tenantId: tenant.tenantId, userId: user.id }, segmentId, p.data, masterKeyFromEnv(loadEnv()));
  if (csv === null) return new Response("Not found", { status: 404 });
  return new Response(csv, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="audience-${p.data}-${segmentId}.csv"`, "Cache-Control": "no-store" },
  });
}
