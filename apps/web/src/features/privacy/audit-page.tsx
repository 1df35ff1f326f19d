// The audit trail for the DPO: search one tenant's hash-chained log by person (e-mail, through
// its blind index), acting user (e-mail) and period; verify the chain and see where it breaks.
import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { z } from "zod";
import { Button, Card, DataTable, Field, PageHeader, SelectField } from "@rappel/ui";
import { verifyAuditChain, withPlatformAccess } from "@rappel/db";
import { loadIdentityCodec } from "@rappel/personal-data";
import { searchAuditEntries } from "@rappel/privacy";
import { getDb } from "@/server/db";
import { requirePlatformPermission } from "@/server/guard";
import { masterKey } from "./lib/console";

const ZSearch = z.object({
  tenant: z.uuid().optional().catch(undefined),
  person: z.string().trim().max(320).optional().catch(undefined),
  user: z.string().trim().max(320).optional().catch(undefined),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
  verify: z.literal("1").optional().catch(undefined),
});

export async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const context = await requirePlatformPermission("platform.audit.view", "/admin/privacy/audit");
  const search = ZSearch.parse(await searchParams);
  const [tenants, t, format] = await Promise.all([
    getDb().tenant.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    getTranslations("privacy"),
    getFormatter(),
  ]);
  const tenant = tenants.find((x) => x.id === search.tenant);
  const actor = search.user ? await getDb().user.findUnique({ where: { email: search.user.toLowerCase() }, select: { id: true } }) : null;
  const result = tenant
    ? await withPlatformAccess(getDb(), { userId: context.user.id, role: context.user.platformRole }, { tenantId: tenant.id, reason: "DPO console: audit log search", timeoutMs: 120_000 }, async (tx) => {
        const codec = await loadIdentityCodec(tx, tenant.id, masterKey());
        const entries =
          search.user && !actor
            ? []
            : await searchAuditEntries(tx, tenant.id, codec, {
                personEmail: search.person || undefined,
                actorUserId: actor?.id,
                from: search.from ? new Date(`${search.from}T00:00:00Z`) : undefined,
                to: search.to ? new Date(`${search.to}T23:59:59Z`) : undefined,
              });
        const chain = search.verify ? await verifyAuditChain(tx, tenant.id) : null;
        return { entries, chain };
      })
    : null;

  return (
    <>
      <PageHeader eyebrow={t("home.title")} title={t("audit.title")} description={t("audit.description")} />
      <Card className="mb-6">
        <form method="get" className="grid gap-3 sm:grid-cols-3">
          <SelectField id="audit-tenant" name="tenant" label={t("audit.tenant")} defaultValue={tenant?.id ?? ""} options={tenants.map((x) => ({ value: x.id, label: x.name }))} />
          <Field id="audit-person" name="person" type="email" label={t("audit.person")} optionalLabel={t("optional")} defaultValue={search.person ?? ""} />
          <Field id="audit-user" name="user" type="email" label={t("audit.user")} optionalLabel={t("optional")} defaultValue={search.user ?? ""} />
          <Field id="audit-from" name="from" type="date" label={t("audit.from")} optionalLabel={t("optional")} defaultValue={search.from ?? ""} />
          <Field id="audit-to" name="to" type="date" label={t("audit.to")} optionalLabel={t("optional")} defaultValue={search.to ?? ""} />
          <label className="flex items-center gap-2 self-end text-sm text-slate-900">
            <input type="checkbox" name="verify" value="1" defaultChecked={Boolean(search.verify)} className="size-5" />
            {t("audit.verify")}
          </label>
          <div className="sm:col-span-3">
            <Button type="submit">{t("audit.search")}</Button>
          </div>
        </form>
      </Card>
      {result?.chain ? (
        result.chain.ok ? (
          <p role="status" className="mb-6 rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm font-medium text-emerald-900">
            {t("audit.chainOk", { count: result.chain.checked })} <span className="font-mono break-all">{result.chain.headHash}</span>
            {result.chain.anchoredAfterSeq !== undefined ? (
              <span className="mt-1 block font-normal">{t("audit.chainAnchored", { seq: String(result.chain.anchoredAfterSeq) })}</span>
            ) : null}
          </p>
        ) : (
          <p role="alert" className="mb-6 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm font-medium text-red-900">
            {t("audit.chainBroken", { seq: String(result.chain.brokenAtSeq ?? "?"), count: result.chain.checked })}
          </p>
        )
      ) : null}
      {result ? (
        <Card title={t("audit.results", { count: result.entries.length })} id="audit-results" padding="none">
          <DataTable
            caption={t("audit.title")}
            hideCaption
            tableClassName="min-w-[48rem]"
            rows={result.entries}
            rowKey={(e) => e.seq.toString()}
            columns={[
              { header: "#", className: "font-mono", cell: (e) => e.seq.toString() },
              { header: t("audit.when"), cell: (e) => format.dateTime(e.occurredAt, { dateStyle: "medium", timeStyle: "medium" }) },
              { header: t("audit.actor"), cell: (e) => `${e.actorKind}${e.actorUserId ? ` (${e.actorUserId.slice(0, 8)})` : ""}` },
              { header: t("audit.action"), className: "font-mono", cell: (e) => e.action },
              { header: t("audit.target"), className: "font-mono", cell: (e) => (e.targetType ? `${e.targetType}:${e.targetId?.slice(0, 8) ?? ""}` : "—") },
            ]}
          />
        </Card>
      ) : null}
    </>
  );
}

export async function auditMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("privacy"))("audit.title") };
}
