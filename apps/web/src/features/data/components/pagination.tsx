// Previous / next links between pages of a list, with where we are in words.
import { getTranslations } from "next-intl/server";
import { buttonClasses } from "@rappel/ui";

export async function Pagination({ page, pages, href, label }: { page: number; pages: number; href: (page: number) => string; label: string }) {
  if (pages <= 1) return null;
  const t = await getTranslations("imports.pagination");
  return (
    <nav aria-label={label} className="mt-4 flex flex-wrap items-center gap-3">
      {page > 1 ? (
        <a href={href(page - 1)} className={buttonClasses("secondary")} rel="prev">
          {t("previous")}
        </a>
      ) : null}
      <span className="text-sm text-slate-700" aria-current="page">
        {t("page", { page, pages })}
      </span>
      {page < pages ? (
        <a href={href(page + 1)} className={buttonClasses("secondary")} rel="next">
          {t("next")}
        </a>
      ) : null}
    </nav>
  );
}
