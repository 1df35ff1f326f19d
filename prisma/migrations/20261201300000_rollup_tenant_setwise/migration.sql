-- Rollup rows check their tenant once per statement instead of once per row (issue 3, decision
-- 0022). A refresh writes a few hundred thousand rollup rows per million tickets; the per-row
-- foreign keys to tenant were about a sixth of it. The same rules, set-wise:
--   * inserting rollup rows: their tenant exists, and is locked FOR KEY SHARE (as an RI check does)
--     so a tenant deletion waits for the refresh's transaction, then deletes its rows too;
--   * deleting a tenant deletes its rollup rows (was ON DELETE CASCADE);
--   * a rollup row's tenant_id never changes, and a tenant's id never changes while it has rollup
--     rows (the old ON UPDATE CASCADE never ran: ids never change).
-- Checks run as the caller: under row-level security a statement writes only rows of
-- app.tenant_id's tenant, and `tenant` has no policy, so the tenant row is visible to it.
ALTER TABLE "rollup_daily_sales" DROP CONSTRAINT "rollup_daily_sales_tenant_id_fkey";
ALTER TABLE "rollup_audience" DROP CONSTRAINT "rollup_audience_tenant_id_fkey";
ALTER TABLE "rollup_performance_day" DROP CONSTRAINT "rollup_performance_day_tenant_id_fkey";
ALTER TABLE "rollup_performance" DROP CONSTRAINT "rollup_performance_tenant_id_fkey";
ALTER TABLE "rollup_order" DROP CONSTRAINT "rollup_order_tenant_id_fkey";
ALTER TABLE "rollup_season_buyers" DROP CONSTRAINT "rollup_season_buyers_tenant_id_fkey";
ALTER TABLE "rollup_audience_departement" DROP CONSTRAINT "rollup_audience_departement_tenant_id_fkey";
ALTER TABLE "rollup_audience_channel" DROP CONSTRAINT "rollup_audience_channel_tenant_id_fkey";

-- Locks the statement's distinct tenants (one, in practice) and counts them; a missing one raises
-- 23503 under the name of the old key (the trigger's argument).
CREATE FUNCTION rollup_check_tenant() RETURNS trigger
  LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  wanted bigint;
  found bigint;
  missing uuid;
BEGIN
  SELECT count(DISTINCT n.tenant_id) INTO wanted FROM new_rows n;
  SELECT count(*) INTO found FROM (SELECT t.id FROM tenant t WHERE t.id IN (SELECT n.tenant_id FROM new_rows n) FOR KEY SHARE OF t) x;
  IF found < wanted THEN
    SELECT n.tenant_id INTO missing FROM new_rows n WHERE NOT EXISTS (SELECT 1 FROM tenant t WHERE t.id = n.tenant_id) LIMIT 1;
    RAISE EXCEPTION 'insert or update on table "%" violates foreign key constraint "%"', TG_TABLE_NAME, TG_ARGV[0]
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = TG_ARGV[0], TABLE = TG_TABLE_NAME,
            DETAIL = format('Key (tenant_id)=(%s) is not present in table "tenant".', missing);
  END IF;
  RETURN NULL;
END
$$;

-- Rollup rows keep their tenant (the WHEN clause keeps ordinary updates free of any call).
CREATE FUNCTION rollup_refuse_tenant_change() RETURNS trigger
  LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  RAISE EXCEPTION 'update on table "%" violates foreign key constraint "%": a rollup row keeps its tenant', TG_TABLE_NAME, TG_ARGV[0]
    USING ERRCODE = 'foreign_key_violation', CONSTRAINT = TG_ARGV[0], TABLE = TG_TABLE_NAME;
END
$$;

DO $$
DECLARE
  rollup text;
BEGIN
  FOREACH rollup IN ARRAY ARRAY['rollup_daily_sales', 'rollup_audience', 'rollup_performance_day', 'rollup_performance', 'rollup_order',
                                'rollup_season_buyers', 'rollup_audience_departement', 'rollup_audience_channel'] LOOP
    EXECUTE format('CREATE TRIGGER rollup_check_tenant AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows
                      FOR EACH STATEMENT EXECUTE FUNCTION rollup_check_tenant(%L)', rollup, rollup || '_tenant_id_fkey');
    EXECUTE format('CREATE TRIGGER rollup_refuse_tenant_change BEFORE UPDATE OF tenant_id ON %I
                      FOR EACH ROW WHEN (OLD.tenant_id IS DISTINCT FROM NEW.tenant_id)
                      EXECUTE FUNCTION rollup_refuse_tenant_change(%L)', rollup, rollup || '_tenant_id_fkey');
  END LOOP;
END
$$;

-- Deleting tenants deletes their rollup rows.
CREATE FUNCTION tenant_delete_rollups() RETURNS trigger
  LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  DELETE FROM rollup_daily_sales r USING old_rows o WHERE r.tenant_id = o.id;
  DELETE FROM rollup_audience r USING old_rows o WHERE r.tenant_id = o.id;
  DELETE FROM rollup_performance_day r USING old_rows o WHERE r.tenant_id = o.id;
  DELETE FROM rollup_performance r USING old_rows o WHERE r.tenant_id = o.id;
  DELETE FROM rollup_order r USING old_rows o WHERE r.tenant_id = o.id;
  DELETE FROM rollup_season_buyers r USING old_rows o WHERE r.tenant_id = o.id;
  DELETE FROM rollup_audience_departement r USING old_rows o WHERE r.tenant_id = o.id;
  DELETE FROM rollup_audience_channel r USING old_rows o WHERE r.tenant_id = o.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER tenant_delete_rollups AFTER DELETE ON "tenant"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tenant_delete_rollups();

-- A tenant's id never changes while rollup rows carry it.
CREATE FUNCTION tenant_restrict_rollup_key_change() RETURNS trigger
  LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  rollup text;
  carried boolean;
BEGIN
  FOREACH rollup IN ARRAY ARRAY['rollup_daily_sales', 'rollup_audience', 'rollup_performance_day', 'rollup_performance', 'rollup_order',
                                'rollup_season_buyers', 'rollup_audience_departement', 'rollup_audience_channel'] LOOP
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I r WHERE r.tenant_id = $1)', rollup) INTO carried USING OLD.id;
    IF carried THEN
      RAISE EXCEPTION 'update on table "tenant" violates foreign key constraint "%" on table "%"', rollup || '_tenant_id_fkey', rollup
        USING ERRCODE = 'foreign_key_violation', CONSTRAINT = rollup || '_tenant_id_fkey', TABLE = 'tenant';
    END IF;
  END LOOP;
  RETURN NEW;
END
$$;
CREATE TRIGGER tenant_restrict_rollup_key_change BEFORE UPDATE OF id ON "tenant"
  FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION tenant_restrict_rollup_key_change();
