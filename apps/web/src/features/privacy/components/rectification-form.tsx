// The DPO's correction form, one per person the rectification request is about, prefilled with
// the current values; only the fields that change are recorded (with their history).
import { getTranslations } from "next-intl/server";
import { Button, Card, Field, SelectField } from "@rappel/ui";
import { SPECTATOR_LANGUAGES, type SpectatorFields } from "@rappel/privacy";
import { requestActionAction } from "../actions";

const TEXT_FIELDS = [
  { name: "firstName", type: "text", autoComplete: "off" },
  { name: "lastName", type: "text", autoComplete: "off" },
  { name: "email", type: "email", autoComplete: "off" },
  { name: "phone", type: "tel", autoComplete: "off" },
  { name: "streetAddress", type: "text", autoComplete: "off" },
  { name: "postalCode", type: "text", autoComplete: "off" },
] as const;

export async function RectificationForms({ tenantId, requestId, subjects }: { tenantId: string; requestId: string; subjects: { spectatorId: string; fields: SpectatorFields }[] }) {
  const t = await getTranslations("privacy");
  return (
    <Card title={t("rectify.title")} id="rectify" className="mb-6">
      {subjects.length === 0 ? <p className="text-sm text-slate-700">{t("rectify.nobody")}</p> : null}
      {subjects.map((s, index) => (
        <form key={s.spectatorId} action={requestActionAction} className="mb-6 last:mb-0">
          <fieldset className="grid gap-4 sm:grid-cols-2">
            <legend className="mb-2 font-semibold text-slate-900">{t("rectify.person", { n: index + 1 })}</legend>
            <input type="hidden" name="tenantId" value={tenantId} />
            <input type="hidden" name="requestId" value={requestId} />
            <input type="hidden" name="spectatorId" value={s.spectatorId} />
            <input type="hidden" name="action" value="rectify" />
            {TEXT_FIELDS.map((f) => (
              <Field
                key={f.name}
                id={`rectify-${index}-${f.name}`}
                name={f.name}
                type={f.type}
                autoComplete={f.autoComplete}
                label={t(`rectify.fields.${f.name}`)}
                defaultValue={s.fields[f.name] ?? ""}
              />
            ))}
            <SelectField
              id={`rectify-${index}-language`}
              name="language"
              label={t("rectify.fields.language")}
              defaultValue={s.fields.language ?? "fr"}
              options={SPECTATOR_LANGUAGES.map((l) => ({ value: l, label: t(`rectify.languages.${l}`) }))}
            />
            <p className="text-sm text-slate-600 sm:col-span-2">{t("rectify.hint")}</p>
            <div className="sm:col-span-2">
              <Button type="submit">{t("rectify.save")}</Button>
            </div>
          </fieldset>
        </form>
      ))}
    </Card>
  );
}
