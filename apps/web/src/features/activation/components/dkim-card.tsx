// The sender identity's DKIM section: the record to publish in DNS (when a key is set) and the form.
import { getTranslations } from "next-intl/server";
import { Card } from "@rappel/ui";
import type { DkimSettings } from "../lib/dkim";
import { DkimForm } from "./dkim-form";

export async function DkimCard({ tenantSlug, settings, hasSender }: { tenantSlug: string; settings: DkimSettings | null; hasSender: boolean }) {
  const t = await getTranslations("activation.dkim");
  return (
    <Card title={t("title")}>
      <p className="mb-3 text-sm text-slate-700">{t("intro")}</p>
      {settings ? (
        <div className="mb-4 grid gap-1 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm" data-testid="dkim-record">
          <p className="font-medium text-slate-900">{t("publish")}</p>
          <p><span className="font-medium">{t("recordName")}</span> <code className="break-all">{settings.record.name}</code></p>
          <p><span className="font-medium">{t("recordType")}</span> <code>TXT</code></p>
          <p><span className="font-medium">{t("recordValue")}</span> <code className="break-all text-xs">{settings.record.value}</code></p>
        </div>
      ) : (
        <p className="mb-3 text-sm text-slate-700">{t("none")}</p>
      )}
      {hasSender ? <DkimForm tenantSlug={tenantSlug} current={settings ? { domain: settings.domain, selector: settings.selector } : null} /> : <p className="text-sm">{t("errors.no_sender")}</p>}
    </Card>
  );
}
