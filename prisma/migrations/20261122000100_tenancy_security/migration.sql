-- Tenancy enforced by PostgreSQL (docs/decisions/0001-tenancy-in-postgres.md).
--
-- * rappel_app_access is the group role the application's login role belongs to (the migration
--   runner creates that login role from DATABASE_URL and grants it this group). It owns nothing,
--   is not a superuser and cannot bypass row-level security.
-- * Every tenant-owned table has RLS enabled AND forced, with one policy comparing tenant_id with
--   the transaction-local setting app.tenant_id. Without the setting, no row is visible and no
--   row can be written.
-- * Tenant partitions live in the schema tenant_partitions, on which the application has no
--   rights: a policy on a partitioned parent does not protect a partition queried directly.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rappel_app_access') THEN
    CREATE ROLE rappel_app_access NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END
$$;

CREATE SCHEMA IF NOT EXISTS tenant_partitions;
REVOKE ALL ON SCHEMA tenant_partitions FROM PUBLIC;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO rappel_app_access;

-- The current tenant and user of the transaction, NULL when unset. Policies call them through a
-- scalar sub-select so PostgreSQL evaluates them once per statement, not once per row.
CREATE FUNCTION app_current_tenant_id() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;

CREATE FUNCTION app_current_user_id() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;

-- Platform tables: the tenant list and staff accounts. Not tenant-owned (no spectator data).
GRANT SELECT, INSERT, UPDATE ON "tenant", "app_user" TO rappel_app_access;

-- Tenant-owned tables: isolation policy, forced even for the table owner.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['tenant_data_key', 'venue', 'show', 'performance', 'spectator',
                           'consent', 'ticket_order', 'ticket', 'audit_entry']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I
         USING (tenant_id = (SELECT app_current_tenant_id()))
         WITH CHECK (tenant_id = (SELECT app_current_tenant_id()))', t);
  END LOOP;
END
$$;

-- Membership: visible in the current tenant, and to a user for their own memberships (the
-- tenant switcher lists them before a tenant is chosen). Written only in the current tenant.
ALTER TABLE "membership" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "membership" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_or_own_user ON "membership"
  USING (tenant_id = (SELECT app_current_tenant_id())
         OR user_id = (SELECT app_current_user_id()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant_id()));

GRANT SELECT, INSERT, UPDATE, DELETE
  ON "membership", "venue", "show", "performance", "spectator", "consent", "ticket_order", "ticket"
  TO rappel_app_access;
-- Data keys are created and retired, never deleted by the application (destroying one is the
-- offboarding's crypto-shredding, done on the platform path).
GRANT SELECT, INSERT, UPDATE ON "tenant_data_key" TO rappel_app_access;
-- The audit log is append-only for the application.
GRANT SELECT, INSERT ON "audit_entry" TO rappel_app_access;

CREATE FUNCTION audit_entry_forbid_update() RETURNS trigger
  LANGUAGE plpgsql
  AS $$ BEGIN RAISE EXCEPTION 'audit entries are append-only'; END $$;
CREATE TRIGGER audit_entry_append_only BEFORE UPDATE ON "audit_entry"
  FOR EACH ROW EXECUTE FUNCTION audit_entry_forbid_update();

-- The partitioned tables, parents before children. Later migrations that partition a new table
-- replace this function and create the new table's partitions for existing tenants.
CREATE FUNCTION tenant_partitioned_tables() RETURNS text[]
  LANGUAGE sql IMMUTABLE
  AS $$ SELECT ARRAY['spectator', 'consent', 'ticket_order', 'ticket', 'audit_entry'] $$;

CREATE FUNCTION tenant_partition_name(parent text, p_tenant uuid) RETURNS text
  LANGUAGE sql IMMUTABLE
  AS $$ SELECT parent || '_' || replace(p_tenant::text, '-', '') $$;

-- Creates the tenant's partitions. Runs as the owner (SECURITY DEFINER) so the application can
-- provision a tenant in the same transaction that inserts it, without any right on partitions.
CREATE FUNCTION create_tenant_partitions(p_tenant uuid) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  t text;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM tenant WHERE id = p_tenant) THEN
    RAISE EXCEPTION 'tenant % does not exist', p_tenant;
  END IF;
  FOREACH t IN ARRAY tenant_partitioned_tables() LOOP
    EXECUTE format('CREATE TABLE IF NOT EXISTS tenant_partitions.%I PARTITION OF public.%I FOR VALUES IN (%L)',
                   tenant_partition_name(t, p_tenant), t, p_tenant);
  END LOOP;
END
$$;
REVOKE ALL ON FUNCTION create_tenant_partitions(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION create_tenant_partitions(uuid) TO rappel_app_access;

-- Detaches and drops every partition of a tenant, children first (used by offboarding, on the
-- owner's connection only: the application role cannot call it).
CREATE FUNCTION drop_tenant_partitions(p_tenant uuid) RETURNS integer
  LANGUAGE plpgsql SECURITY INVOKER SET search_path = public, pg_temp
  AS $$
DECLARE
  tables text[] := tenant_partitioned_tables();
  t text;
  part text;
  dropped integer := 0;
BEGIN
  FOR i IN REVERSE array_length(tables, 1)..1 LOOP
    t := tables[i];
    part := tenant_partition_name(t, p_tenant);
    IF to_regclass('tenant_partitions.' || quote_ident(part)) IS NOT NULL THEN
      EXECUTE format('ALTER TABLE public.%I DETACH PARTITION tenant_partitions.%I', t, part);
      EXECUTE format('DROP TABLE tenant_partitions.%I', part);
      dropped := dropped + 1;
    END IF;
  END LOOP;
  RETURN dropped;
END
$$;
REVOKE ALL ON FUNCTION drop_tenant_partitions(uuid) FROM PUBLIC;
