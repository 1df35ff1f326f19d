export { resetDemo } from "./reset";
export {
  seedDemo,
  planDemo,
  sampleDemo,
  DemoAlreadySeededError,
  type SeedOptions,
  type SeedReport,
  type TenantReport,
} from "./seed";
export { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccount, type DemoTenantRole } from "./accounts";
export { DEMO_TENANTS } from "./tenants";
export { GENRES, PRICE_CATEGORIES, type GenreId, type PriceCategory } from "./catalog";
export { REFERENCE_DATE } from "./calendar";
