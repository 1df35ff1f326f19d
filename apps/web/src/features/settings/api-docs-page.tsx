// Settings → API documentation: what the REST API does, how to authenticate, curl examples, and
// the link to the generated OpenAPI document.
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { loadEnv } from "@rappel/config";
import { Card, PageHeader, buttonClasses } from "@rappel/ui";
import { requireTenantPermission } from "@/server/guard";
import { formatMegabytes, MAX_IMPORT_FILE_BYTES } from "../data/lib/limits";
import type { TenantPageProps } from "../areas/area-page";
import { SettingsTabs } from "./components/settings-tabs";

function Example({ title, code }: { title: string; code: string }) {
  return (
    <figure className="flex flex-col gap-1">
      <figcaption className="text-sm font-medium text-slate-700">{title}</figcaption>
      <pre className="overflow-x-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100">
        <code>{code}</code>
      </pre>
    </figure>
  );
}

function Endpoint({ method, path, title, body, children }: { method: string; path: string; title: string; body: string; children?: React.ReactNode }) {
  return (
    <section className="flex flex-col gap-2 border-t border-slate-200 pt-4 first:border-t-0 first:pt-0">
      <h3 className="text-base font-semibold text-slate-900">{title}</h3>
      <p className="font-mono text-sm text-slate-900">
        <span className="mr-2 rounded bg-indigo-100 px-1.5 py-0.5 font-semibold text-indigo-900">{method}</span>
        {path}
      </p>
      <p className="text-sm text-slate-700">{body}</p>
      {children}
    </section>
  );
}

export async function ApiDocsPage({ params }: TenantPageProps) {
  const { tenantSlug } = await params;
  const { tenant } = await requireTenantPermission(tenantSlug, "settings.api-keys.manage", `/t/${tenantSlug}/settings/api`);
  const [t, locale] = await Promise.all([getTranslations("apiKeys.docs"), getLocale()]);
  const base = loadEnv().APP_URL.replace(/\/$/, "");
  const openapi = `${base}/api/v1/openapi.json`;
  const auth = 'Authorization: Bearer "$RAPPEL_API_KEY"';
  const id = "$IMPORT_ID";
  return (
    <>
      <PageHeader eyebrow={tenant.name} title={t("title")} description={t("description")} />
      <SettingsTabs slug={tenant.slug} role={tenant.role} current="api" />
      <div className="flex max-w-4xl flex-col gap-6">
        <Card title="OpenAPI 3.1" id="api-openapi">
          <p className="mb-3 text-sm text-slate-700">{t("openapi")}</p>
          <p className="mb-3 font-mono text-sm break-all text-slate-900">{openapi}</p>
          <a href="/api/v1/openapi.json" className={buttonClasses("secondary")}>
            {t("openapiLink")}
          </a>
        </Card>
        <Card title={t("authTitle")} id="api-auth">
          <p className="mb-3 text-sm text-slate-700">{t("authBody")}</p>
          <Example title={t("example")} code={`export RAPPEL_API_KEY=rpl_…\ncurl -H '${auth}' ${base}/api/v1/imports/${id}`} />
          <a href={`/t/${tenant.slug}/settings/api-keys`} className="mt-3 inline-flex min-h-11 items-center font-medium text-indigo-800 underline underline-offset-2">
            {t("manageKeys")}
          </a>
        </Card>
        <Card title={t("endpointsTitle")} id="api-endpoints">
          <div className="flex flex-col gap-4">
            <Endpoint method="POST" path="/api/v1/imports?kind=tickets" title={t("uploadTitle")} body={t("uploadBody", { max: formatMegabytes(MAX_IMPORT_FILE_BYTES, locale) })}>
              <Example
                title={t("example")}
                code={`curl -X POST -H '${auth}' \\\n  -H 'Content-Type: text/csv' --data-binary @export.csv \\\n  '${base}/api/v1/imports?kind=tickets&fileName=export.csv&preset=Sirius'\n\ncurl -X POST -H '${auth}' -F file=@export.xlsx \\\n  '${base}/api/v1/imports?kind=performances'`}
              />
            </Endpoint>
            <Endpoint method="POST" path="/api/v1/imports/{importId}/mapping" title={t("mappingTitle")} body={t("mappingBody")}>
              <Example
                title={t("example")}
                code={`curl -X POST -H '${auth}' -H 'Content-Type: application/json' \\\n  -d '{"preset": "Sirius"}' ${base}/api/v1/imports/${id}/mapping`}
              />
            </Endpoint>
            <Endpoint method="GET" path="/api/v1/imports/{importId}" title={t("statusTitle")} body={t("statusBody")}>
              <Example title={t("example")} code={`curl -H '${auth}' ${base}/api/v1/imports/${id}`} />
            </Endpoint>
            <Endpoint method="GET" path="/api/v1/imports/{importId}/rejected-rows" title={t("rejectedTitle")} body={t("rejectedBody")}>
              <Example
                title={t("example")}
                code={`curl -H '${auth}' '${base}/api/v1/imports/${id}/rejected-rows?limit=50&lang=fr'\ncurl -H '${auth}' -H 'Accept: text/csv' -o rejets.csv \\\n  ${base}/api/v1/imports/${id}/rejected-rows`}
              />
            </Endpoint>
          </div>
        </Card>
        <Card title={t("errorsTitle")} id="api-errors">
          <p className="mb-3 text-sm text-slate-700">{t("errorsBody")}</p>
          <Example title={t("example")} code={`HTTP/1.1 401 Unauthorized\n{ "error": { "code": "auth.invalid", "message": "The API key is invalid or has been revoked." } }`} />
        </Card>
      </div>
    </>
  );
}

export async function apiDocsMetadata(): Promise<Metadata> {
  const t = await getTranslations("apiKeys.docs");
  return { title: t("title") };
}
