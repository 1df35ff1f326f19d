import { getTranslations } from "next-intl/server";
import { BackLink } from "./back-link";
import { StatusScreen } from "./status-screen";

export async function ForbiddenScreen({ standalone = false }: { standalone?: boolean }) {
  const t = await getTranslations("forbidden");
  return <StatusScreen status={403} title={t("title")} body={t("body")} standalone={standalone} action={<BackLink label={t("back")} />} />;
}
