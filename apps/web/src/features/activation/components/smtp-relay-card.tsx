// The sender identity's relay section: which relay campaigns leave through, and the form.
import { getTranslations } from "next-intl/server";
import { Card } from "@rappel/ui";
import type { SmtpRelaySummary } from "../lib/smtp-relay";
import { SmtpRelayForm } from "./smtp-relay-form";

export async function SmtpRelayCard({ tenantSlug, relay }: { tenantSlug: string; relay: SmtpRelaySummary | null }) {
  const t = await getTranslations("activation.smtpRelay");
  return (
    <Card title={t("title")}>
      <p className="mb-3 text-sm text-slate-700">{t("intro")}</p>
      <p className="mb-3 text-sm font-medium text-slate-900" data-testid="smtp-relay-current">
        {relay ? t("current", { host: relay.host, port: relay.port }) : t("none")}
      </p>
      <SmtpRelayForm tenantSlug={tenantSlug} current={relay} />
    </Card>
  );
}
