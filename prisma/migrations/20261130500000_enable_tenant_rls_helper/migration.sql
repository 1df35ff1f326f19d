-- enable_tenant_rls(table): decision 0001's standard tenant isolation in one call, for migrations
-- that create tenant-owned tables from now on (older migrations keep their spelled-out statements:
-- an applied migration is never edited). It enables and forces row-level security and creates the
-- one policy `tenant_isolation` (rows of the transaction's tenant only, for reads and writes).
-- Grants stay explicit in each migration: they differ per table (append-only ledgers get no
-- UPDATE or DELETE). Not SECURITY DEFINER: it runs as the migration owner, who owns the tables.
-- A second call on the same table changes nothing.
CREATE FUNCTION enable_tenant_rls(tbl regclass) RETURNS void
  LANGUAGE plpgsql
  SET search_path = public, pg_temp
  AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = tbl AND attname = 'tenant_id' AND NOT attisdropped) THEN
    RAISE EXCEPTION 'enable_tenant_rls: % has no tenant_id column', tbl;
  END IF;
  -- regclass prints as a quoted (and, outside the search path, schema-qualified) name.
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tbl);
  IF NOT EXISTS (SELECT 1 FROM pg_policy WHERE polrelid = tbl AND polname = 'tenant_isolation') THEN
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %s
         USING (tenant_id = (SELECT app_current_tenant_id()))
         WITH CHECK (tenant_id = (SELECT app_current_tenant_id()))', tbl);
  END IF;
END
$$;

REVOKE ALL ON FUNCTION enable_tenant_rls(regclass) FROM PUBLIC;
