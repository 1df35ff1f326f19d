// Says which questions performances and shows cannot be compared on: asked by the current version
// but not by an older one some responses were given to (their figures only cover the versions that
// asked them), or asked by an older version only (left out of the comparison).
import { getTranslations } from "next-intl/server";
import { localise, type NotComparableQuestion, type TLocale } from "@rappel/survey";
import { Card } from "@rappel/ui";

export async function NotComparableNote({ questions, locale }: { questions: NotComparableQuestion[]; locale: TLocale }) {
  if (!questions.length) return null;
  const t = await getTranslations("satisfaction.compare");
  const list = new Intl.ListFormat(locale === "en" ? "en-GB" : "fr-FR", { type: "conjunction" });
  return (
    <Card title={t("notComparableTitle")}>
      <ul className="list-disc pl-5 text-sm text-slate-800" data-testid="not-comparable">
        {questions.map((q) => (
          <li key={q.id}>
            <span className="font-medium">{localise(q.title, locale)}</span>
            {" — "}
            {t(q.inCurrent ? "notComparableMissing" : "notComparableDropped", { count: q.versions.length, versions: list.format(q.versions.map(String)) })}
          </li>
        ))}
      </ul>
    </Card>
  );
}
