-- An order checks its buyer once per statement instead of once per row (issue 3, decision 0022),
-- as tickets check their references since 20261130300000 (decision 0020), with the same rules:
--   * inserting or updating orders: every non-null (tenant_id, spectator_id) exists, locked
--     FOR KEY SHARE so a concurrent delete of the buyer waits for the order's transaction;
--   * deleting a spectator that orders reference is refused (was ON DELETE RESTRICT);
--   * changing a referenced spectator's key is refused (keys never change; the old ON UPDATE
--     CASCADE never ran);
--   * TRUNCATE of spectator is refused while orders have a buyer.
-- Lookups run as the caller, under row-level security (see 20261130300000).
ALTER TABLE "ticket_order" DROP CONSTRAINT "ticket_order_tenant_id_spectator_id_fkey";

-- Same shape as ticket_check_references: lock and count the distinct buyers, and only when one is
-- missing look for it; EXECUTE plans every call with the sizes of the moment.
CREATE FUNCTION order_check_buyers() RETURNS trigger
  LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  wanted_keys text := 'SELECT DISTINCT n.tenant_id, n.spectator_id AS id FROM new_rows n WHERE n.spectator_id IS NOT NULL';
  found_keys text;
  wanted bigint;
  found bigint;
  r record;
BEGIN
  found_keys := format('SELECT s.tenant_id, s.id FROM spectator s WHERE (s.tenant_id, s.id) IN (%s)', wanted_keys);
  EXECUTE format('SELECT count(*) FROM (%s FOR KEY SHARE OF s) x', found_keys) INTO found;
  EXECUTE format('SELECT count(*) FROM (%s) w', wanted_keys) INTO wanted;
  IF found < wanted THEN
    EXECUTE format('SELECT w.tenant_id, w.id FROM (%s EXCEPT %s) w LIMIT 1', wanted_keys, found_keys) INTO r;
    RAISE EXCEPTION 'insert or update on table "ticket_order" violates foreign key constraint "ticket_order_tenant_id_spectator_id_fkey"'
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'ticket_order_tenant_id_spectator_id_fkey', TABLE = 'ticket_order',
            DETAIL = format('Key (tenant_id, spectator_id)=(%s, %s) is not present in table "spectator".', r.tenant_id, r.id);
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER order_check_buyers_insert AFTER INSERT ON "ticket_order"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION order_check_buyers();
CREATE TRIGGER order_check_buyers_update AFTER UPDATE ON "ticket_order"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION order_check_buyers();

-- Referenced side: a spectator that orders reference cannot be deleted, nor change its key.
CREATE FUNCTION order_restrict_buyer_delete() RETURNS trigger
  LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  r record;
BEGIN
  SELECT o.tenant_id, o.id INTO r FROM old_rows o
   WHERE EXISTS (SELECT 1 FROM ticket_order t WHERE t.tenant_id = o.tenant_id AND t.spectator_id = o.id) LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'update or delete on table "spectator" violates foreign key constraint "ticket_order_tenant_id_spectator_id_fkey" on table "ticket_order"'
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'ticket_order_tenant_id_spectator_id_fkey', TABLE = 'spectator',
            DETAIL = format('Key (tenant_id, id)=(%s, %s) is still referenced from table "ticket_order".', r.tenant_id, r.id);
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER order_restrict_buyer_delete AFTER DELETE ON "spectator"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION order_restrict_buyer_delete();

CREATE FUNCTION order_restrict_buyer_key_change() RETURNS trigger
  LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM ticket_order t WHERE t.tenant_id = OLD.tenant_id AND t.spectator_id = OLD.id) THEN
    RAISE EXCEPTION 'update or delete on table "%" violates foreign key constraint "ticket_order_tenant_id_spectator_id_fkey" on table "ticket_order"', TG_TABLE_NAME
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'ticket_order_tenant_id_spectator_id_fkey', TABLE = TG_TABLE_NAME;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER order_restrict_buyer_key_change BEFORE UPDATE OF tenant_id, id ON "spectator"
  FOR EACH ROW WHEN (OLD.tenant_id IS DISTINCT FROM NEW.tenant_id OR OLD.id IS DISTINCT FROM NEW.id)
  EXECUTE FUNCTION order_restrict_buyer_key_change();

-- TRUNCATE skips row triggers: refused while an order has a buyer.
CREATE FUNCTION order_restrict_buyer_truncate() RETURNS trigger
  LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM ticket_order WHERE spectator_id IS NOT NULL) THEN
    RAISE EXCEPTION 'cannot truncate table "%": table "ticket_order" references it', TG_TABLE_NAME USING ERRCODE = 'feature_not_supported';
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER order_restrict_buyer_truncate BEFORE TRUNCATE ON "spectator" FOR EACH STATEMENT EXECUTE FUNCTION order_restrict_buyer_truncate();

-- The owner's bulk loader checks the partitions it attached: orders' buyers too now.
CREATE OR REPLACE FUNCTION ticket_check_tenant_references(p_tenant uuid) RETURNS void
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
  SELECT o.spectator_id AS id INTO r FROM ticket_order o
   WHERE o.tenant_id = p_tenant AND o.spectator_id IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM spectator s WHERE s.tenant_id = o.tenant_id AND s.id = o.spectator_id) LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'insert or update on table "ticket_order" violates foreign key constraint "ticket_order_tenant_id_spectator_id_fkey"'
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'ticket_order_tenant_id_spectator_id_fkey', TABLE = 'ticket_order',
            DETAIL = format('Key (tenant_id, spectator_id)=(%s, %s) is not present in table "spectator".', p_tenant, r.id);
  END IF;
END
$$;
