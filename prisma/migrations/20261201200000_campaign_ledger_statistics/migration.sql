-- Planner statistics for the send ledger after a campaign's audience snapshot. Without them the
-- planner takes the new campaign for a row or two and reaches rows by the (tenant, campaign,
-- batch, status) index, filtering every row of the campaign: each claim and each group commit
-- of "sent" then read the whole campaign (measured at 20,000 recipients: a 250-row claim 58 ms,
-- a 5-row commit 2 ms; with statistics 2-3 ms and a few tenths of a ms, by the primary key).
-- Only the table's owner may ANALYZE it, so the application asks through this function, from a
-- transaction scoped to a tenant (as analyze_tenant_tables).
CREATE FUNCTION analyze_campaign_ledger(p_tenant uuid) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  IF p_tenant IS DISTINCT FROM app_current_tenant_id() THEN
    RAISE EXCEPTION 'analyze_campaign_ledger: % is not the tenant of this transaction', p_tenant;
  END IF;
  ANALYZE campaign_delivery;
END
$$;
REVOKE ALL ON FUNCTION analyze_campaign_ledger(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION analyze_campaign_ledger(uuid) TO rappel_app_access;
