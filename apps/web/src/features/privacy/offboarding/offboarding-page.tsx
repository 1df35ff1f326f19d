// A tenant's offboarding in the DPO console: start it (contract reference), follow the export,
// download the archive and its receipt, record the client's confirmation (slug re-typed), launch
// the destruction, then download the signed attestation and see it verified.
import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { z } from "zod";
import { Button, buttonClasses, Card, Field, PageHeader } from "@rappel/ui";
import { getDb } from "@/server/db";
import { requirePlatformPermission } from "@/server/guard";
import { Notice } from "../components/notice";
import { resolveTenant } from "../lib/console";
import { confirmClientAction, launchDestructionAction, retryOffboardingAction, startOffboardingAction } from "./actions";
import { AutoRefresh } from "./components/auto-refresh";
import { OffboardingProgress } from "./components/offboarding-progress";
import { OffboardingReceiptCard } from "./components/receipt-card";
import { loadOffboardingView, OFFBOARDING_ERROR_CODES, OFFBOARDING_PERMISSION } from "./lib/offboarding";

const ZSearch = z.object({
  done: z.enum(["started", "confirmed", "destroying", "retried"]).optional().catch(undefined),
  error: z.string().max(500).optional().catch(undefined),
  field: z.string().max(40).optional().catch(undefined),
});

export interface OffboardingPageProps {
  params: Promise<{ tenantId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function OffboardingPage({ params, searchParams }: OffboardingPageProps) {
  const { tenantId } = await params;
  const context = await requirePlatformPermission(OFFBOARDING_PERMISSION, `/admin/privacy/${tenantId}/offboarding`);
  const tenant = await resolveTenant(getDb(), tenantId);
  const search = ZSearch.parse(await searchParams);
  const [view, t, format] = await Promise.all([loadOffboardingView(getDb(), context, tenant.id), getTranslations("privacy.offboarding"), getFormatter()]);
  const { record } = view;
  const base = `/admin/privacy/${tenant.id}/offboarding`;
  const hidden = <input type="hidden" name="tenantId" value={tenant.id} />;
  const known = (OFFBOARDING_ERROR_CODES as readonly string[]).includes(search.error ?? "");
  const errorText = search.error ? (known ? t(`errors.${search.error}` as "errors.slug_mismatch") : search.error) : null;
  const fieldError = (name: string) => (search.field === name || (name === "slug" && search.error === "slug_mismatch") ? errorText : null);
  const running = record && (record.status === "requested" || record.status === "exporting" || record.status === "destroying" || (record.status === "client_confirmed" && record.destroyRequestedById));
  const when = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "medium", timeStyle: "short" }) : "—");
  const who = (id: string | null) => (id ? (view.names[id] ?? id) : "—");

  return (
    <>
      {running ? <AutoRefresh /> : null}
      <PageHeader
        eyebrow={tenant.name}
        title={t("title")}
        description={t("description")}
        actions={
          <Link href={`/admin/privacy/${tenant.id}`} className="font-medium text-indigo-800 underline underline-offset-2">
            {t("back")}
          </Link>
        }
      />
      <Notice done={search.done ? t(`done.${search.done}`) : null} error={search.field ? null : errorText} />

      {!record ? (
        <Card id="offboarding-start" title={t("start.title")} className="mb-6">
          <form action={startOffboardingAction} noValidate>
            {hidden}
            <fieldset className="flex flex-col gap-4">
              <legend className="mb-2 text-sm text-slate-700">{t("start.legend")}</legend>
              <Field id="contract-reference" name="contractReference" required maxLength={120} label={t("start.contractReference")} hint={t("start.contractReferenceHint")} error={fieldError("contractReference")} />
              <div>
                <Button type="submit">{t("start.submit")}</Button>
              </div>
            </fieldset>
          </form>
        </Card>
      ) : (
        <>
          <OffboardingProgress record={record} t={t} when={when} />
          {record.status === "failed" ? (
            <Card id="offboarding-failed" title={t("failed.title")} className="mb-6">
              <p role="alert" className="mb-3 text-sm text-red-900">{t("failed.body", { step: t(`steps.${record.failedStep === "destroy" ? "destroying" : "exporting"}`), error: record.error ?? "" })}</p>
              <form action={retryOffboardingAction}>
                {hidden}
                <Button type="submit">{t("failed.retry")}</Button>
              </form>
            </Card>
          ) : null}

          {view.receipt ? <OffboardingReceiptCard receipt={view.receipt} archiveHref={record.exportArchive ? `${base}/archive` : null} t={t} when={when} /> : null}

          {record.status === "exported" ? (
            <Card id="offboarding-confirm" title={t("confirm.title")} className="mb-6">
              <form action={confirmClientAction} noValidate>
                {hidden}
                <fieldset className="grid gap-4 sm:grid-cols-2">
                  <legend className="mb-2 text-sm text-slate-700 sm:col-span-2">{t("confirm.legend")}</legend>
                  <Field id="client-reference" name="clientReference" required maxLength={200} label={t("confirm.clientReference")} hint={t("confirm.clientReferenceHint")} error={fieldError("clientReference")} />
                  <Field id="client-confirmed-on" name="clientConfirmedOn" type="date" required label={t("confirm.clientConfirmedOn")} error={fieldError("clientConfirmedOn")} />
                  <Field id="confirmation-note" name="note" maxLength={2000} label={t("confirm.note")} optionalLabel={t("optional")} error={fieldError("note")} className="sm:col-span-2" />
                  <Field id="confirm-slug" name="slug" required autoComplete="off" spellCheck={false} label={t("confirm.slug", { slug: tenant.slug })} hint={t("confirm.slugHint")} error={fieldError("slug")} className="sm:col-span-2" />
                  <div className="sm:col-span-2">
                    <Button type="submit">{t("confirm.submit")}</Button>
                  </div>
                </fieldset>
              </form>
            </Card>
          ) : null}

          {record.confirmedAt ? (
            <Card id="offboarding-confirmation" title={t("confirmation.title")} className="mb-6">
              <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
                <dt className="font-semibold">{t("confirmation.reference")}</dt>
                <dd>{record.clientConfirmationReference}</dd>
                <dt className="font-semibold">{t("confirmation.on")}</dt>
                <dd>{record.clientConfirmedOn ? format.dateTime(record.clientConfirmedOn, { dateStyle: "long", timeZone: "UTC" }) : "—"}</dd>
                <dt className="font-semibold">{t("confirmation.recordedBy")}</dt>
                <dd>{t("confirmation.byAt", { name: who(record.confirmedById), at: when(record.confirmedAt) })}</dd>
                {record.confirmationNote ? (
                  <>
                    <dt className="font-semibold">{t("confirm.note")}</dt>
                    <dd>{record.confirmationNote}</dd>
                  </>
                ) : null}
              </dl>
              {record.status === "client_confirmed" && !record.destroyRequestedById ? (
                <form action={launchDestructionAction} className="mt-4 border-t border-slate-200 pt-4">
                  {hidden}
                  <p className="mb-3 text-sm text-slate-700">{t("destroy.warning")}</p>
                  <Button type="submit" variant="danger">{t("destroy.submit")}</Button>
                </form>
              ) : null}
              {record.status === "client_confirmed" && record.destroyRequestedById ? <p role="status" className="mt-4 text-sm text-slate-700">{t("destroy.queued", { name: who(record.destroyRequestedById) })}</p> : null}
            </Card>
          ) : null}

          {record.status === "destroyed" ? (
            <Card id="offboarding-attestation" title={t("attestation.title")} className="mb-6">
              <p className={`mb-3 text-sm font-semibold ${view.verification?.valid ? "text-emerald-900" : "text-red-900"}`} role="status">
                {view.verification?.valid ? t("attestation.valid", { keyId: view.verification.keyId ?? "" }) : t("attestation.invalid")}
              </p>
              <dl className="mb-4 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
                <dt className="font-semibold">{t("attestation.destroyedAt")}</dt>
                <dd>{when(record.destroyedAt)}</dd>
                <dt className="font-semibold">{t("attestation.keys")}</dt>
                <dd className="font-mono break-all">{record.destroyedKeyIds.join(", ") || "—"}</dd>
                <dt className="font-semibold">{t("attestation.auditHead")}</dt>
                <dd className="font-mono break-all">{record.auditHeadHash ?? "—"}</dd>
                <dt className="font-semibold">{t("attestation.fingerprint")}</dt>
                <dd className="font-mono break-all">{view.verification?.fingerprint ?? "—"}</dd>
              </dl>
              <a href={`${base}/attestation`} className={buttonClasses("primary")} download>
                {t("attestation.download")}
              </a>
            </Card>
          ) : null}

          <Card id="offboarding-log" title={t("log.title")} className="mb-6">
            <ol className="divide-y divide-slate-100 text-sm">
              {(record.events as { at: string; action: string; actorUserId: string | null }[]).map((event, i) => (
                <li key={i} className="flex flex-wrap gap-x-4 py-2">
                  <span className="text-slate-600">{when(new Date(event.at))}</span>
                  <span className="font-medium">{t.has(`log.actions.${event.action}`) ? t(`log.actions.${event.action}` as "log.actions.requested") : event.action}</span>
                  <span className="text-slate-600">{event.actorUserId ? who(event.actorUserId) : t("log.system")}</span>
                </li>
              ))}
            </ol>
          </Card>
        </>
      )}
    </>
  );
}

export async function offboardingMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("privacy.offboarding"))("title") };
}
