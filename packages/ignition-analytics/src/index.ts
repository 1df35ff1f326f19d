export { refreshRollups, refreshRollupsInParallel, type ParallelRefreshOptions, type RollupScope, type RollupRefreshResult } from "./rollups";
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
export { getPendingReservations, getPerformancePendingReservations, PENDING_RESERVATIONS_DEFINITION, type PendingReservations } from "./pending-reservations";
export { KPI_DEFINITIONS, KPI_KEYS, COMPARISON_NOTE, type KpiDefinition, type KpiKey, type KpiUnit } from "./kpi-definitions";
export { parisDay, parisInstant, seasonOf, type IsoDay } from "./calendar";
export type { ScopedPeriod } from "./scope";
export { getSalesSeries, bucketStart, ZGranularity, type TGranularity, type SalesPoint } from "./series";
export {
  getSalesCurve,
  getRequiredPace,
  ZSalesCurveOptions,
  ZRequiredPaceOptions,
  MAX_AVERAGE_PERFORMANCES,
  type SalesCurve,
  type CurveSeries,
  type TSalesCurveOptions,
  type RequiredPace,
  type TRequiredPaceOptions,
} from "./sales-curve";
export {
  getBreakdown,
  getPerformanceRanking,
  getShowPerformances,
  BREAKDOWN_DIMENSIONS,
  ZBreakdownDimension,
  type TBreakdownDimension,
  type BreakdownRow,
} from "./breakdowns";
export {
  getAudienceByDepartement,
  getAudienceByCommune,
  MIN_CELL_SPECTATORS,
  ZGeoMetric,
  type TGeoMetric,
  type GeoBreakdown,
  type GeoCell,
  type CommuneCell,
  type GeoBucket,
  type GeoFigures,
  type VenuePoint,
} from "./geography";
export { toCsv, neutraliseCell, type CsvColumn, type CsvOptions } from "./csv";
export { AnalyticsNotFoundError } from "./errors";
