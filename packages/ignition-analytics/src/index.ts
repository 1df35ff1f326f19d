export { refreshRollups, type RollupScope, type RollupRefreshResult } from "./rollups";
export {
  ZDashboardFilters,
  parseDashboardFilters,
  resolveFilters,
  toSearchParams,
  previousPeriod,
  lastSeasonPeriod,
  periodDays,
  SALES_CHANNELS,
  MAX_PERIOD_DAYS,
  type TDashboardFilters,
  type TDashboardFiltersInput,
  type TPeriod,
  type TSalesChannel,
} from "./filters";
export { getOverviewKpis, comparisonPeriods, type KpiComparison, type OverviewKpis } from "./kpis";
export { KPI_DEFINITIONS, KPI_KEYS, COMPARISON_NOTE, type KpiDefinition, type KpiKey, type KpiUnit } from "./kpi-definitions";
export { parisDay, parisInstant, seasonOf, type IsoDay } from "./calendar";
export type { ScopedPeriod } from "./scope";
