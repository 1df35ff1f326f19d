// The sub-processor register: what is in use, what is planned, each announced change with every
// client's notice (proof of sending) and objection, and the enabling that respects the window.
import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { Button, Card, DataTable, PageHeader } from "@rappel/ui";
import { ensureSubprocessors, listSubprocessors } from "@rappel/dpo-records";
import { getDb } from "@/server/db";
import { requirePlatformPermission } from "@/server/guard";
import { DpoTabs } from "../components/dpo-tabs";
import { addSubprocessorAction, announceChangeAction, enableWhereAllowedAction } from "./actions";
import { ChangeNotices } from "./change-notices";

const input = "min-h-11 w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900";
const OUTCOMES = ["done", "duplicate", "invalid", "not_found", "queued"] as const;

export async function SubprocessorsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { user } = await requirePlatformPermission("platform.privacy.manage", "/admin/dpo/subprocessors");
  const db = getDb();
  await ensureSubprocessors(db, { userId: user.id });
  const [subs, t, format, query] = await Promise.all([listSubprocessors(db), getTranslations("dpo.subprocessors"), getFormatter(), searchParams]);
  const outcome = OUTCOMES.find((o) => o === query.outcome);
  const date = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeZone: "Europe/Paris" });
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <DpoTabs current="subprocessors" />
      {outcome ? (
        <p role="status" className={`mb-4 rounded-md border p-3 text-sm font-medium ${["done", "queued"].includes(outcome) ? "border-green-300 bg-green-50 text-green-900" : "border-red-300 bg-red-50 text-red-900"}`}>
          {t(`outcomes.${outcome}`, { message: query.message ?? "" })}
        </p>
      ) : query.outcome === "enabled" ? (
        <p role="status" className="mb-4 rounded-md border border-green-300 bg-green-50 p-3 text-sm font-medium text-green-900">
          {t("enableDone", { enabled: Number(query.enabled ?? 0), refused: Number(query.refused ?? 0) })}
        </p>
      ) : null}
      <Card padding="none" className="mb-8">
        <DataTable
          caption={t("caption")}
          hideCaption
          density="comfortable"
          tableClassName="min-w-[56rem]"
          rows={subs}
          rowKey={(s) => s.id}
          columns={[
            { header: t("name"), cell: (s) => s.name },
            { header: t("service"), cell: (s) => s.service },
            { header: t("dataCategories"), cell: (s) => s.dataCategories.join(", ") },
            { header: t("location"), cell: (s) => s.location },
            { header: t("transferSafeguards"), cell: (s) => s.transferSafeguards },
            { header: t("dpaSignedOn"), cell: (s) => (s.dpaSignedOn ? date(s.dpaSignedOn) : "—") },
            { header: t("status"), cell: (s) => t(`statuses.${s.status as "planned" | "active" | "retired"}`) },
            { header: t("tenants"), numeric: true, cell: (s) => s._count.enablements },
          ]}
        />
      </Card>

      {subs.filter((s) => s.status === "planned" || s.changes.length > 0).map((s) => (
        <section key={s.id} aria-labelledby={`sub-${s.id}`} className="mb-8">
          <h2 id={`sub-${s.id}`} className="mb-3 text-lg font-semibold text-slate-900">{s.name}</h2>
          {s.changes.map((c) => (
            <ChangeNotices key={c.id} changeId={c.id} description={c.description} announced={date(c.announcedAt)} end={date(c.windowEndsAt)} actorUserId={user.id} />
          ))}
          <div className="flex flex-wrap gap-4">
            <form action={announceChangeAction} className="flex min-w-[20rem] flex-1 flex-col gap-2">
              <input type="hidden" name="subprocessorId" value={s.id} />
              <label htmlFor={`desc-${s.id}`} className="text-sm font-medium text-slate-900">{t("announceDescription")}</label>
              <textarea id={`desc-${s.id}`} name="description" required rows={2} className={input} />
              <div><Button type="submit">{t("announce")}</Button></div>
            </form>
            {s.changes.length > 0 ? (
              <form action={enableWhereAllowedAction} className="self-end">
                <input type="hidden" name="subprocessorId" value={s.id} />
                <Button type="submit" variant="secondary">{t("enable")}</Button>
              </form>
            ) : null}
          </div>
        </section>
      ))}

      <section aria-labelledby="add-title">
        <h2 id="add-title" className="mb-3 text-lg font-semibold text-slate-900">{t("addTitle")}</h2>
        <Card>
          <form action={addSubprocessorAction} className="grid gap-4 sm:grid-cols-2">
            {(["name", "service", "location", "transferSafeguards"] as const).map((k) => (
              <div key={k} className="flex flex-col gap-1">
                <label htmlFor={`add-${k}`} className="text-sm font-medium text-slate-900">{t(k)}</label>
                <input id={`add-${k}`} name={k} required={k !== "transferSafeguards"} className={input} />
              </div>
            ))}
            <div className="flex flex-col gap-1">
              <label htmlFor="add-dataCategories" className="text-sm font-medium text-slate-900">{t("dataCategories")}</label>
              <textarea id="add-dataCategories" name="dataCategories" rows={2} aria-describedby="add-dataCategories-hint" className={input} />
              <p id="add-dataCategories-hint" className="text-sm text-slate-600">{t("dataCategoriesHint")}</p>
            </div>
            <div className="flex flex-col gap-1">
              <label htmlFor="add-dpaSignedOn" className="text-sm font-medium text-slate-900">{t("dpaSignedOn")}</label>
              <input id="add-dpaSignedOn" name="dpaSignedOn" type="date" className={input} />
            </div>
            <div className="sm:col-span-2"><Button type="submit">{t("add")}</Button></div>
          </form>
        </Card>
      </section>
    </>
  );
}

export async function subprocessorsMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dpo.subprocessors"))("title") };
}
