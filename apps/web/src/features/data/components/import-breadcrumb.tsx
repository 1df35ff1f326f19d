// "Données › fichier.csv": the way back to the imports list.
import { getTranslations } from "next-intl/server";

export async function ImportBreadcrumb({ slug, fileName, current, currentHref }: { slug: string; fileName: string; current?: string; currentHref?: string }) {
  const t = await getTranslations("imports");
  const link = "text-indigo-800 underline underline-offset-2 hover:text-indigo-950 focus-visible:outline-2 focus-visible:outline-indigo-600";
  return (
    <nav aria-label={t("breadcrumb")} className="mb-3 text-sm">
      <ol className="flex flex-wrap items-center gap-1 text-slate-700">
        <li>
          <a href={`/t/${slug}/data`} className={link}>
            {t("title")}
          </a>
        </li>
        <li aria-hidden="true">›</li>
        <li className="break-all">
          {current && currentHref ? (
            <a href={currentHref} className={link}>
              {fileName}
            </a>
          ) : (
            <span aria-current="page">{fileName}</span>
          )}
        </li>
        {current ? (
          <>
            <li aria-hidden="true">›</li>
            <li aria-current="page">{current}</li>
          </>
        ) : null}
      </ol>
    </nav>
  );
}
