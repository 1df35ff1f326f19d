// GET /t/[slug]/ignition/export/[table]?…filters: a dashboard table as a CSV download. The
// permission (reports.export) is checked here on the server, whatever the page showed; the data
// is read inside the tenant's scope like the pages.
import type { NextRequest } from "next/server";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { AnalyticsNotFoundError } from "@rappel/ignition-analytics";
import { getCurrentUser, getMemberships } from "@/server/session";
import { getLabels } from "../lib/labels";
import { inTenant } from "../lib/queries";
import { readFilters, readViewParams, type SearchParams } from "../lib/url-state";
import { buildCsv } from "./csv-tables";
import { decideCsvExport } from "./decide-export";

const MESSAGES: Record<401 | 403 | 404, string> = { 401: "Sign in first.", 403: "Your role may not export.", 404: "Not found." };

function searchParamsOf(request: NextRequest): SearchParams {
  const out: SearchParams = {};
  for (const key of new Set(request.nextUrl.searchParams.keys())) {
    const values = request.nextUrl.searchParams.getAll(key);
    out[key] = values.length > 1 ? values : values[0];
  }
  return out;
}

export async function exportCsv(request: NextRequest, { params }: { params: Promise<{ tenantSlug: string; table: string }> }): Promise<Response> {
  const { tenantSlug, table } = await params;
  const user = await getCurrentUser();
  const decision = decideCsvExport(user, user ? await getMemberships(user.id) : [], tenantSlug, table);
  if (decision.status !== 200) return new Response(MESSAGES[decision.status], { status: decision.status, headers: { "cache-control": "no-store" } });

  const searchParams = searchParamsOf(request);
  const now = new Date();
  const { filters, invalid } = readFilters(searchParams, now);
  if (invalid) return new Response("Invalid filters.", { status: 400 });
  const [labels, t] = await Promise.all([getLabels(), getTranslations("ignition")]);
  const tenantId = decision.membership.tenantId;
  let csv: string;
  try {
    csv = await inTenant({ tenantId, userId: user!.id }, (tx) =>
      buildCsv(decision.table, { tx, tenantId, filters, view: readViewParams(searchParams), searchParams, now, labels, t: (k, v) => t(k, v) }),
    );
  } catch (error) {
    if (error instanceof AnalyticsNotFoundError) return new Response(MESSAGES[404], { status: 404 });
    if (error instanceof z.ZodError) return new Response("Invalid parameters.", { status: 400 });
    throw error;
  }
  const filename = `ignition-${decision.table}-${filters.from}-${filters.to}.csv`;
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
    },
  });
}
