import { getTranslations } from "next-intl/server";
import { BackLink } from "./back-link";
import { StatusScreen } from "./status-screen";

export async function NotFoundScreen({ standalone = false }: { standalone?: boolean }) {
  const t = await getTranslations("notFound");
  return <StatusScreen status={404} title={t("title")} body={t("body")} standalone={standalone} action={<BackLink label={t("back")} />} />;
}
