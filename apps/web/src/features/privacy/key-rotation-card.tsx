// Master keys in the DPO console: how many tenants' data keys each master key id wraps, and a
// button that starts the re-wrapping job (DESIGN §4: key rotation without downtime).
import { loadEnv } from "@rappel/config";
import { countTenantsByMasterKey } from "@rappel/privacy";
import { getTranslations } from "next-intl/server";
import { Button, Card, DataTable } from "@rappel/ui";
import { getDb } from "@/server/db";
import { rotateMasterKeyAction } from "./offboarding/actions";

export async function KeyRotationCard() {
  const env = loadEnv();
  const [counts, t] = await Promise.all([countTenantsByMasterKey(getDb()), getTranslations("privacy.keys")]);
  const stale = counts.filter((c) => c.masterKeyId !== env.MASTER_KEY_ID).reduce((n, c) => n + c.tenants, 0);
  return (
    <Card id="master-keys" title={t("title")} className="mb-6">
      <p className="mb-3 text-sm text-slate-700">{t("description", { current: env.MASTER_KEY_ID })}</p>
      <div className="mb-4 max-w-md">
        <DataTable
          caption={t("title")}
          hideCaption
          rows={counts}
          rowKey={(c) => c.masterKeyId}
          columns={[
            {
              header: t("keyId"),
              className: "font-mono font-normal",
              cell: (c) => (
                <>
                  {c.masterKeyId} {c.masterKeyId === env.MASTER_KEY_ID ? <span className="font-sans text-emerald-900">({t("current")})</span> : null}
                </>
              ),
            },
            { header: t("tenants"), numeric: true, cell: (c) => <span data-testid={`key-count-${c.masterKeyId}`}>{c.tenants}</span> },
          ]}
        />
      </div>
      {stale > 0 ? (
        <form action={rotateMasterKeyAction} className="flex flex-wrap items-center gap-3">
          <Button type="submit">{t("rotate")}</Button>
          <span className="text-sm text-slate-700">{t("staleHint", { count: stale })}</span>
        </form>
      ) : (
        <p className="text-sm text-emerald-900">{t("upToDate")}</p>
      )}
    </Card>
  );
}
