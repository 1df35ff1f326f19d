// Export labels in the reader's language, from the dpo messages.
import { getFormatter, getTranslations } from "next-intl/server";
import { CONTROLLER_FIELDS, PROCESSOR_FIELDS, SECURITY_MEASURES, SENSITIVE_FLAGS } from "@rappel/dpo-records";
import type { RegisterLabels } from "@rappel/dpo-records/exports";

export async function getRegisterLabels(title: string, subtitle: string): Promise<RegisterLabels> {
  const [t, format] = await Promise.all([getTranslations("dpo"), getFormatter()]);
  const keys = [...new Set([...CONTROLLER_FIELDS, ...PROCESSOR_FIELDS].map((f) => f.key))];
  return {
    title,
    subtitle,
    generatedAt: t("registers.generatedAt"),
    createdAt: t("registers.createdAt"),
    updatedAt: t("registers.updatedAt"),
    version: t("registers.version"),
    fields: Object.fromEntries(keys.map((k) => [k, t(`fields.${k}` as never)])),
    options: Object.fromEntries([...SENSITIVE_FLAGS, ...SECURITY_MEASURES].map((k) => [k, t(`options.${k}` as never)])),
    formatDate: (d) => format.dateTime(d, { dateStyle: "medium", timeZone: "Europe/Paris" }),
  };
}
