export { createTestDatabase, type TestDatabase } from "./test-database";
export { createTwoTenants, type TenantRows } from "./two-tenants";
export { introspectSchema, type SchemaShape } from "./introspect";
export { cpuMsOfProcessesNamed, processCpuMs, totalCpuMs } from "./process-cpu";
