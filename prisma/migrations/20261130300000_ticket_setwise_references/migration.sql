-- Tickets check their three references once per statement instead of once per row (issue 3,
-- decision 0017). The per-row foreign keys ticket → ticket_order, performance, spectator (holder)
-- were ~40–60% of an import's ticket insert; these triggers keep the same rules set-wise:
--   * inserting or updating tickets: every (tenant_id, order_id), (tenant_id, performance_id) and
--     non-null (tenant_id, holder_id) must exist; the referenced rows are locked FOR KEY SHARE
--     (as RI checks do) so a concurrent delete waits for the ticket's transaction, then sees it;
--   * deleting orders deletes their tickets (was ON DELETE CASCADE);
--   * deleting a performance or a spectator that a ticket references is refused (was RESTRICT);
--   * changing the key of a referenced order, performance or spectator is refused (keys never
--     change; the old ON UPDATE CASCADE never ran);
--   * TRUNCATE of a referenced table is refused while tickets exist (as the keys did).
-- Lookups run as the caller, under row-level security: a statement that passes the policies
-- writes only rows of app.tenant_id's tenant, and the rows they reference carry the same
-- tenant_id (it is part of every key), so they are visible; roles without RLS see everything.
-- Statement triggers fire for statements on the partitioned parents; only the owner can reach
-- the partitions directly (schema tenant_partitions), and its bulk loader checks after ATTACH
-- with ticket_check_tenant_references().
ALTER TABLE "ticket" DROP CONSTRAINT "ticket_tenant_id_order_id_fkey";
ALTER TABLE "ticket" DROP CONSTRAINT "ticket_tenant_id_performance_id_fkey";
ALTER TABLE "ticket" DROP CONSTRAINT "ticket_tenant_id_holder_id_fkey";

CREATE FUNCTION ticket_reference_violation(p_key text, p_tenant uuid, p_id uuid) RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'insert or update on table "ticket" violates foreign key constraint "%"', p_key
    USING ERRCODE = 'foreign_key_violation', CONSTRAINT = p_key, TABLE = 'ticket',
          DETAIL = format('Key (tenant_id, %s)=(%s, %s) is not present.', split_part(p_key, '_tenant_id_', 2), p_tenant, p_id);
END
$$;

-- Per reference: locks the distinct referenced rows FOR KEY SHARE and counts them; fewer than
-- the distinct keys wanted means one is missing (or was deleted by a transaction that committed
-- while we waited for its lock), and only then is the missing key looked for.
-- Written as `(tenant_id, id) IN (…)` so that the plan probes the primary key: under row-level
-- security and without statistics on fresh partitions, a NOT EXISTS anti-join probed another
-- tenant-leading index and filtered on id (seconds per batch, minutes after a few batches).
-- EXECUTE plans every call with the sizes of the moment instead of keeping the first plan.
-- (The transition table new_rows is visible only in this function, not in the ones it calls.)
CREATE FUNCTION ticket_check_references() RETURNS trigger
  LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  ref text[];
  wanted_keys text;
  found_keys text;
  wanted bigint;
  found bigint;
  r record;
BEGIN
  FOREACH ref SLICE 1 IN ARRAY ARRAY[['ticket_tenant_id_order_id_fkey', 'ticket_order', 'order_id'],
                                     ['ticket_tenant_id_performance_id_fkey', 'performance', 'performance_id'],
                                     ['ticket_tenant_id_holder_id_fkey', 'spectator', 'holder_id']] LOOP
    wanted_keys := format('SELECT DISTINCT n.tenant_id, n.%I AS id FROM new_rows n WHERE n.%I IS NOT NULL', ref[3], ref[3]);
    found_keys := format('SELECT r.tenant_id, r.id FROM %I r WHERE (r.tenant_id, r.id) IN (%s)', ref[2], wanted_keys);
    EXECUTE format('SELECT count(*) FROM (%s FOR KEY SHARE OF r) x', found_keys) INTO found;
    EXECUTE format('SELECT count(*) FROM (%s) w', wanted_keys) INTO wanted;
    IF found < wanted THEN
      EXECUTE format('SELECT w.tenant_id, w.id FROM (%s EXCEPT %s) w LIMIT 1', wanted_keys, found_keys) INTO r;
      PERFORM ticket_reference_violation(ref[1], r.tenant_id, r.id);
    END IF;
  END LOOP;
  RETURN NULL;
END
$$;

CREATE TRIGGER ticket_check_references_insert AFTER INSERT ON "ticket"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ticket_check_references();
CREATE TRIGGER ticket_check_references_update AFTER UPDATE ON "ticket"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ticket_check_references();

-- The owner's bulk loader attaches partitions it filled directly: it checks them with this.
CREATE FUNCTION ticket_check_tenant_references(p_tenant uuid) RETURNS void
  LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  r record;
BEGIN
  SELECT t.order_id AS id INTO r FROM ticket t
   WHERE t.tenant_id = p_tenant AND NOT EXISTS (SELECT 1 FROM ticket_order o WHERE o.tenant_id = t.tenant_id AND o.id = t.order_id) LIMIT 1;
  IF FOUND THEN PERFORM ticket_reference_violation('ticket_tenant_id_order_id_fkey', p_tenant, r.id); END IF;
  SELECT t.performance_id AS id INTO r FROM ticket t
   WHERE t.tenant_id = p_tenant AND NOT EXISTS (SELECT 1 FROM performance p WHERE p.tenant_id = t.tenant_id AND p.id = t.performance_id) LIMIT 1;
  IF FOUND THEN PERFORM ticket_reference_violation('ticket_tenant_id_performance_id_fkey', p_tenant, r.id); END IF;
  SELECT t.holder_id AS id INTO r FROM ticket t
   WHERE t.tenant_id = p_tenant AND t.holder_id IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM spectator s WHERE s.tenant_id = t.tenant_id AND s.id = t.holder_id) LIMIT 1;
  IF FOUND THEN PERFORM ticket_reference_violation('ticket_tenant_id_holder_id_fkey', p_tenant, r.id); END IF;
END
$$;
REVOKE ALL ON FUNCTION ticket_check_tenant_references(uuid) FROM PUBLIC;

-- Referenced side. Deleting orders deletes their tickets.
CREATE FUNCTION ticket_order_delete_tickets() RETURNS trigger
  LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  DELETE FROM ticket t USING old_rows o WHERE t.tenant_id = o.tenant_id AND t.order_id = o.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER ticket_order_delete_tickets AFTER DELETE ON "ticket_order"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ticket_order_delete_tickets();

-- Deleting a performance or a spectator that tickets still reference is refused.
CREATE FUNCTION ticket_restrict_delete() RETURNS trigger
  LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  r record;
BEGIN
  IF TG_ARGV[0] = 'ticket_tenant_id_performance_id_fkey' THEN
    SELECT o.tenant_id, o.id INTO r FROM old_rows o
     WHERE EXISTS (SELECT 1 FROM ticket t WHERE t.tenant_id = o.tenant_id AND t.performance_id = o.id) LIMIT 1;
  ELSE
    SELECT o.tenant_id, o.id INTO r FROM old_rows o
     WHERE EXISTS (SELECT 1 FROM ticket t WHERE t.tenant_id = o.tenant_id AND t.holder_id = o.id) LIMIT 1;
  END IF;
  IF FOUND THEN
    RAISE EXCEPTION 'update or delete on table "%" violates foreign key constraint "%" on table "ticket"', TG_TABLE_NAME, TG_ARGV[0]
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = TG_ARGV[0], TABLE = TG_TABLE_NAME,
            DETAIL = format('Key (tenant_id, id)=(%s, %s) is still referenced from table "ticket".', r.tenant_id, r.id);
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER ticket_restrict_delete AFTER DELETE ON "performance"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ticket_restrict_delete('ticket_tenant_id_performance_id_fkey');
CREATE TRIGGER ticket_restrict_delete AFTER DELETE ON "spectator"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ticket_restrict_delete('ticket_tenant_id_holder_id_fkey');

-- Keys never change; a change of a referenced key is refused (the WHEN clause keeps ordinary
-- updates free of any call).
CREATE FUNCTION ticket_restrict_key_change() RETURNS trigger
  LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  -- Row triggers fire on the partition (TG_TABLE_NAME is the partition's name): the key named
  -- in the argument says which reference this is.
  IF (TG_ARGV[0] = 'ticket_tenant_id_order_id_fkey' AND EXISTS (SELECT 1 FROM ticket t WHERE t.tenant_id = OLD.tenant_id AND t.order_id = OLD.id))
     OR (TG_ARGV[0] = 'ticket_tenant_id_performance_id_fkey' AND EXISTS (SELECT 1 FROM ticket t WHERE t.tenant_id = OLD.tenant_id AND t.performance_id = OLD.id))
     OR (TG_ARGV[0] = 'ticket_tenant_id_holder_id_fkey' AND EXISTS (SELECT 1 FROM ticket t WHERE t.tenant_id = OLD.tenant_id AND t.holder_id = OLD.id)) THEN
    RAISE EXCEPTION 'update or delete on table "%" violates foreign key constraint "%" on table "ticket"', TG_TABLE_NAME, TG_ARGV[0]
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = TG_ARGV[0], TABLE = TG_TABLE_NAME;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER ticket_restrict_key_change BEFORE UPDATE OF tenant_id, id ON "ticket_order"
  FOR EACH ROW WHEN (OLD.tenant_id IS DISTINCT FROM NEW.tenant_id OR OLD.id IS DISTINCT FROM NEW.id)
  EXECUTE FUNCTION ticket_restrict_key_change('ticket_tenant_id_order_id_fkey');
CREATE TRIGGER ticket_restrict_key_change BEFORE UPDATE OF tenant_id, id ON "performance"
  FOR EACH ROW WHEN (OLD.tenant_id IS DISTINCT FROM NEW.tenant_id OR OLD.id IS DISTINCT FROM NEW.id)
  EXECUTE FUNCTION ticket_restrict_key_change('ticket_tenant_id_performance_id_fkey');
CREATE TRIGGER ticket_restrict_key_change BEFORE UPDATE OF tenant_id, id ON "spectator"
  FOR EACH ROW WHEN (OLD.tenant_id IS DISTINCT FROM NEW.tenant_id OR OLD.id IS DISTINCT FROM NEW.id)
  EXECUTE FUNCTION ticket_restrict_key_change('ticket_tenant_id_holder_id_fkey');

-- TRUNCATE skips row triggers: refused on a referenced table while tickets exist.
CREATE FUNCTION ticket_restrict_truncate() RETURNS trigger
  LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM ticket) THEN
    RAISE EXCEPTION 'cannot truncate table "%": table "ticket" references it', TG_TABLE_NAME USING ERRCODE = 'feature_not_supported';
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER ticket_restrict_truncate BEFORE TRUNCATE ON "ticket_order" FOR EACH STATEMENT EXECUTE FUNCTION ticket_restrict_truncate();
CREATE TRIGGER ticket_restrict_truncate BEFORE TRUNCATE ON "performance" FOR EACH STATEMENT EXECUTE FUNCTION ticket_restrict_truncate();
CREATE TRIGGER ticket_restrict_truncate BEFORE TRUNCATE ON "spectator" FOR EACH STATEMENT EXECUTE FUNCTION ticket_restrict_truncate();
