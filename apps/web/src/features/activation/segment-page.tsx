// Segment builder page (new or existing segment).
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { PageHeader, buttonClasses } from "@rappel/ui";
import type { TRuleGroup } from "@rappel/segments";
import { getDb } from "@/server/db";
import { requireTenantPermission } from "@/server/guard";
import { SegmentBuilder } from "./components/segment-builder";
import { countAudienceEligible } from "./lib/audience-export";
import { countSegmentRules, getSegment, loadRuleChoices, SegmentNotFoundError } from "./lib/segments";

export interface SegmentPageProps {
  params: Promise<{ tenantSlug: string; segmentId?: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const STARTER: TRuleGroup = { op: "and", rules: [{ type: "consent", channel: "email" }] };

export async function SegmentPage({ params, searchParams }: SegmentPageProps) {
  const { tenantSlug, segmentId } = await params;
  const { user, tenant } = await requireTenantPermission(tenantSlug, "activation.segments.manage", `/t/${tenantSlug}/activation/segments/${segmentId ?? "new"}`);
  const saved = z.object({ saved: z.string().optional() }).parse(await searchParams).saved === "1";
  const scope = { tenantId: tenant.tenantId, userId: user.id };
  const t = await getTranslations("activation.segments");
  let segment: { id?: string; name: string; rules: TRuleGroup } = { name: "", rules: STARTER };
  if (segmentId) {
    if (!z.uuid().safeParse(segmentId).success) notFound();
    try {
      const row = await getSegment(getDb(), scope, segmentId);
      segment = { id: row.id, name: row.name, rules: row.rules };
    } catch (error) {
      if (error instanceof SegmentNotFoundError) notFound();
      throw error;
    }
  }
  const choices = await loadRuleChoices(getDb(), scope);
  const audience = segment.id
    ? { eligible: await countAudienceEligible(getDb(), scope, segment.rules), total: await countSegmentRules(getDb(), scope, segment.rules) }
    : null;
  return (
    <>
      <PageHeader eyebrow={tenant.name} title={segment.id ? segment.name : t("newTitle")} description={t("description")} />
      {saved ? <p role="status" className="mb-4 rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">{t("saved")}</p> : null}
      <SegmentBuilder tenantSlug={tenant.slug} segment={segment} choices={choices} />
      {segment.id && audience ? (
        <section aria-labelledby="audience-title" className="mt-8">
          <h2 id="audience-title" className="text-base font-semibold text-slate-900">{t("audience.title")}</h2>
          <p className="text-sm text-slate-700">{t("audience.description")}</p>
          <p className="mb-3 text-sm text-slate-700">{t("audience.eligible", audience)}</p>
          <div className="flex flex-wrap gap-3">
            <a className={buttonClasses("secondary")} href={`/t/${tenant.slug}/activation/segments/${segment.id}/audience/meta`}>{t("audience.meta")}</a>
            <a className={buttonClasses("secondary")} href={`/t/${tenant.slug}/activation/segments/${segment.id}/audience/google`}>{t("audience.google")}</a>
          </div>
        </section>
      ) : null}
    </>
  );
}
