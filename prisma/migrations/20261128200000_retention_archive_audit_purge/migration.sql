-- AlterTable
-- Intermediate archive (restricted access) for people: set by the retention engine at the end of
-- the active period when the tenant's rule has an archive period (see purge-archive.ts).
ALTER TABLE "spectator" ADD COLUMN     "archived_at" TIMESTAMPTZ(6);

-- Retention of the audit log (decision 0009). The application role may only append to the log;
-- this function is the one way to delete from it, and only a prefix of the current tenant's
-- chain that stops before the head, so the chain can always be verified from an anchor (the
-- hash of the last deleted entry, which the caller records in a new entry of the same chain).
CREATE FUNCTION purge_audit_prefix(p_tenant uuid, p_through_seq bigint) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  head bigint;
  deleted integer;
BEGIN
  IF p_tenant IS DISTINCT FROM app_current_tenant_id() THEN
    RAISE EXCEPTION 'purge_audit_prefix: tenant % is not the current tenant', p_tenant;
  END IF;
  -- Serialised with appendAuditEntry (same advisory lock), so the head cannot move meanwhile.
  PERFORM pg_advisory_xact_lock(hashtextextended('audit:' || p_tenant::text, 0));
  SELECT max(seq) INTO head FROM audit_entry WHERE tenant_id = p_tenant;
  IF head IS NULL OR p_through_seq >= head THEN
    RAISE EXCEPTION 'purge_audit_prefix: the head of the chain (seq %) is never purged', head;
  END IF;
  DELETE FROM audit_entry WHERE tenant_id = p_tenant AND seq <= p_through_seq;
  GET DIAGNOSTICS deleted = ROW_COUNT;
  RETURN deleted;
END
$$;
REVOKE ALL ON FUNCTION purge_audit_prefix(uuid, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION purge_audit_prefix(uuid, bigint) TO rappel_app_access;
