/** @jsxImportSource preact */
// /s/{link}/thanks: after the last page. The response stays editable until the survey closes;
// when the survey allows it, the venue's next shows are suggested (next-shows.ts).
import type { TLocale } from "@rappel/survey";
import type { NextShow } from "./next-shows";
import { StatusMessage } from "./status-message";
import { formatPerformanceDate, publicText } from "./public-text";

export function ThanksPage({ link, locale, venue, nextShows }: { link: string; locale: TLocale; venue: string; nextShows: NextShow[] }) {
  const t = publicText(locale);
  return (
    <StatusMessage kind="thanks" locale={locale} venue={venue}>
      <p class="sv-links">
        <a href={`/s/${link}?p=0`}>
          <strong>{t("thanksEdit")}</strong>
        </a>
        <a href={`/s/${link}/preferences`}>{t("preferencesLink")}</a>
      </p>
      {nextShows.length ? (
        <section class="sv-next" aria-labelledby="next-shows">
          <h2 id="next-shows">{t("nextShowsTitle", { venue })}</h2>
          <ul>
            {nextShows.map((s, i) => (
              <li key={i}>
                <strong>{s.showTitle}</strong>
                <span>
                  {s.venueName}, {formatPerformanceDate(locale, s.startsAt)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </StatusMessage>
  );
}
