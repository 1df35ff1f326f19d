// Human labels for the values the data layer returns as codes (genres, sales channels) and for
// calendar days, in the request's language.
import { getFormatter, getTranslations } from "next-intl/server";
import { departementByCode } from "@rappel/geo";
import type { TBreakdownDimension } from "@rappel/ignition-analytics";

export interface Labels {
  genre(id: string | null | undefined): string;
  channel(id: string): string;
  /** A breakdown row's label: genres and channels translated, "" shown as "not set". */
  breakdownKey(dim: TBreakdownDimension, label: string): string;
  /** A yyyy-mm-dd day, e.g. "1 sept. 2026". */
  day(day: string): string;
  /** A performance's date and time, e.g. "ven. 14 nov. 2026, 20:00". */
  dateTime(instant: Date): string;
  departement(code: string): string;
}

export async function getLabels(): Promise<Labels> {
  const [t, format] = await Promise.all([getTranslations("ignition"), getFormatter()]);
  const genre = (id: string | null | undefined) => (!id ? t("breakdowns.none") : t.has(`genres.${id}`) ? t(`genres.${id}`) : id);
  const channel = (id: string) => (t.has(`channels.${id}`) ? t(`channels.${id}`) : id);
  return {
    genre,
    channel,
    breakdownKey(dim, label) {
      if (dim === "genre") return genre(label);
      if (dim === "salesChannel") return channel(label);
      return label === "" ? t("breakdowns.none") : label;
    },
    // Noon UTC falls on the same calendar day in Paris, summer or winter.
    day: (day) => format.dateTime(new Date(`${day}T12:00:00Z`), { day: "numeric", month: "short", year: "numeric" }),
    dateTime: (instant) =>
      format.dateTime(instant, { weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" }),
    departement: (code) => departementByCode(code)?.name ?? code,
  };
}
