// GET /admin/dpo/dpias/[id]/export.pdf — the DPIA as a PDF, in the reader's language.
import { getFormatter, getTranslations } from "next-intl/server";
import { DPIA_PRINCIPLES, DpoRecordError, getDpia } from "@rappel/dpo-records";
import { renderDpiaPdf } from "@rappel/dpo-records/exports";
import { getDb } from "@/server/db";
import { requirePlatformPermission } from "@/server/guard";

export async function exportDpiaPdf(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  await requirePlatformPermission("platform.privacy.manage", "/admin/dpo/dpias");
  const { id } = await params;
  let dpia;
  try {
    dpia = await getDpia(getDb(), id);
  } catch (error) {
    if (error instanceof DpoRecordError && error.status === 404) return new Response("Not found.", { status: 404 });
    throw error;
  }
  const [t, format] = await Promise.all([getTranslations("dpo.dpias"), getFormatter()]);
  const pick = <K extends string>(keys: readonly K[], prefix: string) => Object.fromEntries(keys.map((k) => [k, t(`${prefix}.${k}` as never)])) as Record<K, string>;
  const bytes = await renderDpiaPdf(
    dpia.content,
    {
      title: t("title"),
      sections: pick(["context", "principles", "risks", "map", "actions", "dpoOpinion", "subjectsOpinion", "validation"], "sections"),
      context: pick(["processing", "purposes", "controller", "processors", "dataCategories", "retention", "assets"], "context"),
      principles: pick(DPIA_PRINCIPLES, "principles"),
      assessments: pick(["none", "acceptable", "to_improve"], "assessments"),
      risks: pick(["illegitimate_access", "unwanted_modification", "disappearance"], "risks"),
      riskFields: pick(["impacts", "threats", "sources", "measures", "severity", "likelihood", "residual", "zone"], "riskFields"),
      zones: pick(["acceptable", "to_reduce", "unacceptable"], "zones"),
      levels: pick(["1", "2", "3", "4"], "levels"),
      action: pick(["owner", "dueDate", "done", "open"], "action"),
      decisions: pick(["pending", "validated", "refused"], "validation.decisions"),
      notGathered: t("opinion.notGathered"),
      generatedAt: t("generatedAt"),
      formatDate: (d) => format.dateTime(d, { dateStyle: "medium", timeZone: "Europe/Paris" }),
    },
    dpia.reference,
    dpia.version,
  );
  return new Response(Buffer.from(bytes), {
    headers: { "content-type": "application/pdf", "content-disposition": `attachment; filename="${dpia.reference}.pdf"`, "cache-control": "no-store" },
  });
}
