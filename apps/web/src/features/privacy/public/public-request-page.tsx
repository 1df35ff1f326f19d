// The public form: what the person asks for and their e-mail address; a code is then e-mailed.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { Button, Card, Field, PageHeader, SelectField } from "@rappel/ui";
import { REQUEST_KINDS } from "@rappel/privacy";
import { getDb } from "@/server/db";
import { submitPublicRequestAction, verifyPublicRequestAction } from "./public-actions";

const ZSearch = z.object({
  error: z.string().max(20).optional().catch(undefined),
  done: z.string().max(20).optional().catch(undefined),
  request: z.uuid().optional().catch(undefined),
});

interface Props {
  params: Promise<{ tenantSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

async function tenantBySlug(slug: string) {
  const tenant = await getDb().tenant.findUnique({ where: { slug }, select: { name: true, slug: true, status: true } });
  if (!tenant || tenant.status !== "active") notFound();
  return tenant;
}

function Shell({ children }: { children: React.ReactNode }) {
  return <main id="main" className="mx-auto max-w-2xl px-4 py-10">{children}</main>;
}

function Alert({ text }: { text: string }) {
  return <p role="alert" className="mb-4 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm font-medium text-red-900">{text}</p>;
}

export async function PublicRequestPage({ params, searchParams }: Props) {
  const tenant = await tenantBySlug((await params).tenantSlug);
  const search = ZSearch.parse(await searchParams);
  const t = await getTranslations("privacy");
  return (
    <Shell>
      <PageHeader eyebrow={tenant.name} title={t("public.title")} description={t("public.description")} />
      {search.error ? <Alert text={t(search.error === "mail" ? "public.errors.mail" : search.error === "throttled" ? "public.errors.throttled" : "public.errors.invalid")} /> : null}
      <Card>
        <form action={submitPublicRequestAction} className="grid gap-4">
          <input type="hidden" name="tenantSlug" value={tenant.slug} />
          <SelectField id="public-kind" name="kind" label={t("requests.kind")} options={REQUEST_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
          <Field id="public-email" name="email" type="email" required autoComplete="email" label={t("public.email")} hint={t("public.emailHint")} />
          <Field id="public-details" name="details" label={t("requests.details")} optionalLabel={t("optional")} />
          <div>
            <Button type="submit">{t("public.send")}</Button>
          </div>
        </form>
      </Card>
    </Shell>
  );
}

export async function PublicVerifyPage({ params, searchParams }: Props) {
  const tenant = await tenantBySlug((await params).tenantSlug);
  const search = ZSearch.parse(await searchParams);
  if (!search.request) notFound();
  const t = await getTranslations("privacy");
  return (
    <Shell>
      <PageHeader eyebrow={tenant.name} title={t("public.verifyTitle")} description={t("public.verifyDescription")} />
      {search.done === "verified" ? (
        <p role="status" className="rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm font-medium text-emerald-900">{t("public.verified")}</p>
      ) : (
        <>
          {search.error === "throttled" ? (
            <Alert text={t("public.errors.throttled")} />
          ) : search.error ? (
            <Alert text={t(`public.errors.code${search.error === "410" || search.error === "429" ? search.error : ""}` as "public.errors.code")} />
          ) : null}
          <Card>
            <form action={verifyPublicRequestAction} className="grid gap-4">
              <input type="hidden" name="tenantSlug" value={tenant.slug} />
              <input type="hidden" name="requestId" value={search.request} />
              <Field id="public-code" name="code" required inputMode="numeric" pattern="[0-9]{6}" maxLength={6} autoComplete="one-time-code" label={t("public.code")} />
              <div>
                <Button type="submit">{t("public.verify")}</Button>
              </div>
            </form>
          </Card>
        </>
      )}
    </Shell>
  );
}

export async function publicRequestMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("privacy"))("public.title") };
}
