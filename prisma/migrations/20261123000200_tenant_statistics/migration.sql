-- Planner statistics after a bulk load. A tenant's partitions are new and small until an import
-- fills them; until autovacuum gets to them the planner works without statistics, and the
-- rollup refresh that follows an import was seen planning cross joins (minutes instead of
-- seconds). Only a table's owner may ANALYZE it, so the application asks the owner through this
-- function, for the tenant of its current transaction only.
CREATE FUNCTION analyze_tenant_tables(p_tenant uuid) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  t text;
BEGIN
  IF p_tenant IS DISTINCT FROM app_current_tenant_id() THEN
    RAISE EXCEPTION 'analyze_tenant_tables: % is not the tenant of this transaction', p_tenant;
  END IF;
  FOREACH t IN ARRAY tenant_partitioned_tables() LOOP
    EXECUTE format('ANALYZE tenant_partitions.%I', tenant_partition_name(t, p_tenant));
  END LOOP;
  -- Small tables shared by all tenants that imports also write to.
  ANALYZE venue, show, performance;
END
$$;
REVOKE ALL ON FUNCTION analyze_tenant_tables(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION analyze_tenant_tables(uuid) TO rappel_app_access;
