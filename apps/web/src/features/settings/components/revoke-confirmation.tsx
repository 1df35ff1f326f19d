// The confirmation step before revoking a key: says what stops working, confirm or go back.
import { getTranslations } from "next-intl/server";
import { Button, buttonClasses } from "@rappel/ui";
import { revokeApiKeyAction } from "../actions";

export async function RevokeConfirmation(props: { tenantSlug: string; keyId: string; name: string; prefix: string; cancelHref: string }) {
  const t = await getTranslations("apiKeys.revoke");
  return (
    <section
      id="revoke-confirmation"
      aria-labelledby="revoke-confirmation-title"
      className="mb-6 flex flex-col gap-3 rounded-lg border border-red-300 bg-red-50 p-4 sm:p-6"
    >
      <h2 id="revoke-confirmation-title" className="text-base font-semibold text-slate-900">
        {t("title", { name: props.name })}
      </h2>
      <p className="text-sm text-slate-800">
        {t("body")} <code className="font-mono">{props.prefix}</code>
      </p>
      <form action={revokeApiKeyAction} className="flex flex-wrap gap-2">
        <input type="hidden" name="tenantSlug" value={props.tenantSlug} />
        <input type="hidden" name="keyId" value={props.keyId} />
        <Button type="submit" variant="danger" autoFocus>
          {t("confirm")}
        </Button>
        <a href={props.cancelHref} className={buttonClasses("secondary")}>
          {t("cancel")}
        </a>
      </form>
    </section>
  );
}
