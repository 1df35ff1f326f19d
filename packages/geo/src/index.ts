// French administrative geography for Rappel: postal code → communes → département → région,
// commune centroids and département boundaries, all shipped offline and loaded lazily once per
// process (the first call parses ~9 MB of reference data, about half a second; later calls are
// map look-ups). Returned objects are shared: treat them as read-only.
export { communesForPostalCode, communeByCode, centroidForPostalCode, type Commune } from "./communes";
export {
  departementByCode,
  regionByCode,
  listDepartements,
  listRegions,
  departementsGeoJson,
  type Departement,
  type Region,
  type Zone,
  type DepartementFeature,
  type DepartementsFeatureCollection,
} from "./departements";
export { distanceKm } from "./distance";
export type { LatLon } from "./reference-data";
