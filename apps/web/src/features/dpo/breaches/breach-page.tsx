// One breach: its two clocks, the affected clients (derived from the data involved) with their
// notification and draft letter, the CNIL notifications in phases with a draft, the record's form
// and its history.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { Button, Card, DataTable, PageHeader } from "@rappel/ui";
import {
  DpoRecordError,
  computeClientClocks,
  computeCnilClock,
  draftClientNotification,
  draftCnilNotification,
  draftLocaleOf,
  emptyBreach,
  ensureControllerRegister,
  getBreach,
  listControllerActivities,
  listDocumentHistory,
  verifyDocumentChain,
  loadVendorProfile,
  type DraftLocale,
} from "@rappel/dpo-records";
import { getDb } from "@/server/db";
import { requirePlatformPermission } from "@/server/guard";
import { DpoTabs } from "../components/dpo-tabs";
import { ChainStatus } from "../components/chain-status";
import { HistoryTable } from "../components/history-table";
import { isoToParisLocal } from "../lib/paris-time";
import { notifyClientAction, recordCnilNotificationAction, refreshAffectedTenantsAction, saveBreachAction } from "./actions";
import { BreachForm } from "./breach-form";
import { ClockBadge } from "./clock-badge";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const hours = (ms: number) => Math.floor(Math.abs(ms) / 3_600_000);
const draftClass = "w-full rounded-md border border-slate-300 bg-slate-50 p-3 font-mono text-xs text-slate-800";

const OUTCOMES = ["done", "late_reason_missing", "already_notified", "not_found", "stale", "invalid"] as const;

export async function BreachPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ outcome?: string }> }) {
  const { id } = await params;
  const requested = (await searchParams).outcome;
  const outcome = OUTCOMES.find((o) => o === requested);
  const { user } = await requirePlatformPermission("platform.privacy.manage", `/admin/dpo/breaches/${id}`);
  const db = getDb();
  await ensureControllerRegister(db, user.id);
  const [t, format, activities] = await Promise.all([getTranslations("dpo.breaches"), getFormatter(), listControllerActivities(db)]);
  const options = activities.map((a) => ({ reference: a.content.reference, name: a.content.name }));
  const back = <a href="/admin/dpo/breaches" className="mb-4 inline-block text-sm text-indigo-800 underline">{t("back")}</a>;
  const now = new Date();
  if (id === "new") {
    const blank = emptyBreach(now);
    return (
      <>
        <PageHeader title={t("newTitle")} />
        <DpoTabs current="breaches" />
        {back}
        <BreachForm breach={blank} localTimes={{ awareAt: isoToParisLocal(blank.awareAt), occurredAt: "" }} activities={options} hidden={{ id: "new", version: "0" }} action={saveBreachAction} />
      </>
    );
  }
  if (!UUID.test(id)) notFound();
  let breach;
  try {
    breach = await getBreach(db, id);
  } catch (error) {
    if (error instanceof DpoRecordError && error.status === 404) notFound();
    throw error;
  }
  const b = breach.content;
  const [history, chain, tDpo, vendor, locales] = await Promise.all([
    listDocumentHistory(db, "breach", id),
    verifyDocumentChain(db, id),
    getTranslations("dpo"),
    loadVendorProfile(db),
    db.tenant.findMany({ where: { id: { in: b.affectedTenants.map((x) => x.tenantId) } }, select: { id: true, defaultLocale: true } }),
  ]);
  // Each client's draft in its own language first, the other language next (the DPO picks).
  const draftLocales = (tenantId: string): DraftLocale[] => {
    const first = draftLocaleOf(locales.find((l) => l.id === tenantId)?.defaultLocale);
    return first === "fr" ? ["fr", "en"] : ["en", "fr"];
  };
  const cnil = computeCnilClock(b, now);
  const clients = computeClientClocks(b, now);
  const when = (d: Date | string) => format.dateTime(new Date(d), { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Paris" });
  const cnilDraft = draftCnilNotification(b, vendor);
  return (
    <>
      <PageHeader eyebrow={breach.reference} title={breach.title} />
      <DpoTabs current="breaches" />
      {back}
      {outcome ? (
        <p role="status" className={`mb-4 rounded-md border p-3 text-sm font-medium ${outcome === "done" ? "border-green-300 bg-green-50 text-green-900" : "border-red-300 bg-red-50 text-red-900"}`}>
          {t(`outcomes.${outcome}`)}
        </p>
      ) : null}
      <section aria-labelledby="clocks-title" className="mb-8">
        <h2 id="clocks-title" className="mb-3 text-lg font-semibold text-slate-900">{t("clocks.title")}</h2>
        <div className="grid gap-4 lg:grid-cols-2">
          <Card className="flex flex-col gap-2" data-testid="cnil-clock">
            <h3 className="font-semibold text-slate-900">{t("clocks.cnilTitle")}</h3>
            <p><ClockBadge status={cnil.status}>{t(`cnilStatus.${cnil.status}`)}</ClockBadge></p>
            {cnil.status !== "not_applicable" ? <p className="text-sm text-slate-700">{t("clocks.deadline", { date: when(cnil.deadline) })}</p> : null}
            {cnil.remainingMs !== null ? (
              <p className="text-2xl font-semibold text-slate-900">
                {cnil.remainingMs >= 0 ? t("clocks.remaining", { hours: hours(cnil.remainingMs) }) : t("clocks.overdueBy", { hours: hours(cnil.remainingMs) })}
              </p>
            ) : null}
            {cnil.firstNotifiedAt ? <p className="text-sm text-slate-700">{t("clocks.firstNotified", { date: when(cnil.firstNotifiedAt) })}</p> : null}
            {cnil.missingLateReason ? <p className="text-sm font-medium text-red-800">{t("clocks.lateReasonMissing")}</p> : null}
          </Card>
          <Card className="flex flex-col gap-2" data-testid="client-clocks">
            <h3 className="font-semibold text-slate-900">{t("clocks.clientsTitle")}</h3>
            {clients.length === 0 ? <p className="text-sm text-slate-700">{t("clocks.noClients")}</p> : null}
            <ul className="flex flex-col gap-1">
              {clients.map((c) => (
                <li key={c.tenantId} className="flex flex-wrap items-center gap-2 text-sm text-slate-800">
                  <span className="font-medium">{c.tenantName}</span>
                  <ClockBadge status={c.status}>{t(`clientStatus.${c.status}`)}</ClockBadge>
                  <span className="text-slate-600">{t("clocks.elapsed", { hours: hours(c.elapsedMs) })}</span>
                </li>
              ))}
            </ul>
          </Card>
        </div>
      </section>

      <section aria-labelledby="tenants-title" className="mb-8">
        <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
          <h2 id="tenants-title" className="text-lg font-semibold text-slate-900">{t("tenants.caption")}</h2>
          <form action={refreshAffectedTenantsAction}>
            <input type="hidden" name="id" value={id} />
            <Button type="submit" variant="secondary">{t("tenants.refresh")}</Button>
          </form>
        </div>
        <Card padding="none">
          <DataTable
            caption={t("tenants.caption")}
            hideCaption
            density="comfortable"
            tableClassName="min-w-[40rem]"
            rows={b.affectedTenants}
            rowKey={(tenant) => tenant.tenantId}
            columns={[
              { header: t("tenants.tenant"), cell: (tenant) => tenant.tenantName },
              { header: t("tenants.records"), numeric: true, cell: (tenant) => format.number(tenant.records) },
              {
                header: t("tenants.notifiedAt"),
                cell: (tenant) =>
                  tenant.notifiedAt ? (
                    when(tenant.notifiedAt)
                  ) : (
                    <form action={notifyClientAction}>
                      <input type="hidden" name="id" value={id} />
                      <input type="hidden" name="tenantId" value={tenant.tenantId} />
                      <Button type="submit" variant="secondary">{t("tenants.markNotified")}</Button>
                    </form>
                  ),
              },
              {
                header: t("tenants.draft"),
                cell: (tenant) =>
                  draftLocales(tenant.tenantId)
                    .map((locale) => draftClientNotification(b, tenant, vendor, locale))
                    .map((draft, i) => (
                      <details key={draft.locale} className={i > 0 ? "mt-2" : ""} data-testid={`client-draft-${draft.locale}`}>
                        <summary className="cursor-pointer text-indigo-800">
                          <span className="mr-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-semibold uppercase text-slate-700" lang={draft.locale}>
                            {t(i === 0 ? "tenants.draftClientLanguage" : "tenants.draftOtherLanguage", { language: t(`tenants.languages.${draft.locale}`) })}
                          </span>
                          <span lang={draft.locale}>{draft.subject}</span>
                        </summary>
                        <textarea readOnly lang={draft.locale} aria-label={t("tenants.draftIn", { language: t(`tenants.languages.${draft.locale}`) })} rows={12} className={draftClass} defaultValue={draft.body} />
                      </details>
                    )),
              },
            ]}
          />
        </Card>
      </section>

      {b.controllerActivities.length > 0 ? (
        <section aria-labelledby="cnil-title" className="mb-8">
          <h2 id="cnil-title" className="mb-3 text-lg font-semibold text-slate-900">{t("cnilForm.title")}</h2>
          <div className="grid gap-4 lg:grid-cols-2">
            <Card className="flex flex-col gap-3">
              <h3 className="font-semibold text-slate-900">{t("cnilForm.list")}</h3>
              {b.cnilNotifications.length === 0 ? <p className="text-sm text-slate-700">{t("cnilForm.none")}</p> : (
                <ul className="flex flex-col gap-1 text-sm text-slate-800">
                  {b.cnilNotifications.map((n) => <li key={n.at}>{when(n.at)} — {t(`cnilForm.phases.${n.phase}`)} {n.summary ? `: ${n.summary}` : ""}</li>)}
                </ul>
              )}
              <form action={recordCnilNotificationAction} className="flex flex-col gap-2">
                <input type="hidden" name="id" value={id} />
                <label htmlFor="cnil-phase" className="text-sm font-medium text-slate-900">{t("cnilForm.phase")}</label>
                <select id="cnil-phase" name="phase" defaultValue={b.cnilNotifications.length ? "complementary" : "initial"} className="min-h-11 rounded-md border border-slate-400 px-3">
                  {(["initial", "complementary", "final"] as const).map((p) => <option key={p} value={p}>{t(`cnilForm.phases.${p}`)}</option>)}
                </select>
                <label htmlFor="cnil-summary" className="text-sm font-medium text-slate-900">{t("cnilForm.summary")}</label>
                <textarea id="cnil-summary" name="summary" rows={2} className="rounded-md border border-slate-400 p-2" />
                <div><Button type="submit">{t("cnilForm.submit")}</Button></div>
              </form>
            </Card>
            <Card className="flex flex-col gap-2">
              <h3 className="font-semibold text-slate-900">{t("cnilForm.draft")}</h3>
              <p className="text-sm font-medium text-slate-800">{cnilDraft.subject}</p>
              <textarea readOnly aria-label={t("cnilForm.draft")} rows={14} className={draftClass} defaultValue={cnilDraft.body} />
            </Card>
          </div>
        </section>
      ) : null}

      <BreachForm
        breach={b}
        localTimes={{ awareAt: isoToParisLocal(b.awareAt), occurredAt: isoToParisLocal(b.occurredAt) }}
        activities={options}
        hidden={{ id, version: String(breach.version) }}
        action={saveBreachAction}
      />
      <ChainStatus report={chain} />
      <HistoryTable rows={history} fieldLabel={(k) => tDpo(`breaches.fields.${k}` as never)} />
    </>
  );
}

export async function breachMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dpo.breaches"))("title") };
}
