// The CNIL risk map: severity across, likelihood up, each cell coloured by its zone, each feared
// event placed by its levels. The same facts are listed in text for screen readers.
import { getTranslations } from "next-intl/server";
import { classifyRisk, type TDpia } from "@rappel/dpo-records";

const FILL = { acceptable: "#dcfce7", to_reduce: "#fef3c7", unacceptable: "#fee2e2" } as const;
const MARK = ["A", "M", "D"];
const CELL = 70;
const PAD = 60;

export async function RiskMap({ risks }: { risks: TDpia["risks"] }) {
  const t = await getTranslations("dpo.dpias");
  const size = PAD + 4 * CELL + 10;
  return (
    <figure className="flex flex-col gap-2">
      <svg viewBox={`0 0 ${size} ${size}`} width={size} height={size} role="img" aria-labelledby="risk-map-caption" className="max-w-full">
        {[1, 2, 3, 4].flatMap((severity) =>
          [1, 2, 3, 4].map((likelihood) => (
            <rect
              key={`${severity}-${likelihood}`}
              x={PAD + (severity - 1) * CELL}
              y={(4 - likelihood) * CELL}
              width={CELL}
              height={CELL}
              fill={FILL[classifyRisk(severity, likelihood)]}
              stroke="#94a3b8"
            />
          )),
        )}
        {[1, 2, 3, 4].map((n) => (
          <g key={n}>
            <text x={PAD + (n - 0.5) * CELL} y={4 * CELL + 18} textAnchor="middle" fontSize="12" fill="#334155">{n}</text>
            <text x={PAD - 10} y={(4 - n + 0.5) * CELL + 4} textAnchor="end" fontSize="12" fill="#334155">{n}</text>
          </g>
        ))}
        <text x={PAD + 2 * CELL} y={4 * CELL + 38} textAnchor="middle" fontSize="12" fill="#0f172a">{t("map.severity")}</text>
        <text x={14} y={2 * CELL} textAnchor="middle" fontSize="12" fill="#0f172a" transform={`rotate(-90 14 ${2 * CELL})`}>{t("map.likelihood")}</text>
        {risks.map((r, i) => (
          <g key={r.risk}>
            <circle cx={PAD + (r.severity - 0.5) * CELL + (i - 1) * 18} cy={(4 - r.likelihood + 0.5) * CELL} r={11} fill="#3730a3" />
            <text x={PAD + (r.severity - 0.5) * CELL + (i - 1) * 18} y={(4 - r.likelihood + 0.5) * CELL + 4} textAnchor="middle" fontSize="11" fontWeight="700" fill="#fff">{MARK[i]}</text>
          </g>
        ))}
      </svg>
      <figcaption id="risk-map-caption" className="text-sm text-slate-700">
        {t("map.label")}
        <ul className="mt-1">
          {risks.map((r, i) => (
            <li key={r.risk}>
              <span className="font-semibold">{MARK[i]}</span> — {t(`risks.${r.risk}`)} : {t("riskFields.severity")} {r.severity}, {t("riskFields.likelihood")} {r.likelihood} ({t(`zones.${classifyRisk(r.severity, r.likelihood)}`)})
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
