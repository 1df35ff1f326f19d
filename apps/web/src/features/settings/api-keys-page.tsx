// Settings → API keys: create a key (shown once), list the tenant's keys, revoke one after a
// confirmation step (a URL of its own, so it works without JavaScript).
import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { z } from "zod";
import { Card, EmptyState, PageHeader } from "@rappel/ui";
import { getDb } from "@/server/db";
import { requireTenantPermission } from "@/server/guard";
import { displayPrefix } from "@/server/api-keys/key-format";
import { CreateApiKeyForm } from "./components/create-api-key-form";
import { ApiKeysTable } from "./components/api-keys-table";
import { RevokeConfirmation } from "./components/revoke-confirmation";
import { SettingsTabs } from "./components/settings-tabs";
import { listApiKeys } from "./lib/api-keys";

const PERMISSION = "settings.api-keys.manage" as const;

const ZSearch = z.object({
  revoke: z.uuid().optional().catch(undefined),
  done: z.enum(["revoked", "not_found"]).optional().catch(undefined),
});

export interface ApiKeysPageProps {
  params: Promise<{ tenantSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function ApiKeysPage({ params, searchParams }: ApiKeysPageProps) {
  const { tenantSlug } = await params;
  const { user, tenant } = await requireTenantPermission(tenantSlug, PERMISSION, `/t/${tenantSlug}/settings/api-keys`);
  const search = ZSearch.parse(await searchParams);
  const [keys, t, format] = await Promise.all([
    listApiKeys(getDb(), { tenantId: tenant.tenantId, userId: user.id }),
    getTranslations("apiKeys"),
    getFormatter(),
  ]);
  const toRevoke = search.revoke ? keys.find((k) => k.id === search.revoke && !k.revokedAt) : undefined;
  const base = `/t/${tenant.slug}/settings/api-keys`;

  return (
    <>
      <PageHeader eyebrow={tenant.name} title={t("title")} description={t("description")} />
      <SettingsTabs slug={tenant.slug} role={tenant.role} current="api-keys" />
      {search.done ? (
        <p role="status" className="mb-6 rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm font-medium text-emerald-900">
          {t(`done.${search.done}`)}
        </p>
      ) : null}
      {toRevoke ? (
        <RevokeConfirmation tenantSlug={tenant.slug} keyId={toRevoke.id} name={toRevoke.name} prefix={displayPrefix(toRevoke.prefix)} cancelHref={base} />
      ) : null}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,26rem)_minmax(0,1fr)] lg:items-start">
        <Card title={t("form.title")} id="create-api-key">
          <CreateApiKeyForm tenantSlug={tenant.slug} />
        </Card>
        {keys.length === 0 ? (
          <EmptyState title={t("emptyTitle")} description={t("emptyBody")} />
        ) : (
          <ApiKeysTable
            caption={t("caption", { tenant: tenant.name })}
            rows={keys.map((k) => ({
              id: k.id,
              name: k.name,
              prefix: displayPrefix(k.prefix),
              scopes: k.scopes,
              created: format.dateTime(k.createdAt, { dateStyle: "medium" }),
              createdBy: k.createdBy,
              lastUsed: k.lastUsedAt ? format.dateTime(k.lastUsedAt, { dateStyle: "medium", timeStyle: "short" }) : null,
              revoked: k.revokedAt ? format.dateTime(k.revokedAt, { dateStyle: "medium" }) : null,
              revokeHref: k.revokedAt ? null : `${base}?revoke=${k.id}#revoke-confirmation`,
            }))}
          />
        )}
      </div>
    </>
  );
}

export async function apiKeysMetadata(): Promise<Metadata> {
  const t = await getTranslations("apiKeys");
  return { title: t("title") };
}
