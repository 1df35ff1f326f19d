-- Issue 5 §2–§4: DKIM signing per tenant, campaigns stopped automatically (promoted performance
-- cancelled or sold out), and the lookup that lets the inbound bounce receiver find the tenant
-- of a campaign named by a verified (HMAC-signed) VERP address.

-- The DKIM private key is sealed with the tenant's data key (never stored or shown in clear).
ALTER TABLE "sender_identity"
  ADD COLUMN "dkim_domain" TEXT,
  ADD COLUMN "dkim_selector" TEXT,
  ADD COLUMN "dkim_private_key_enc" BYTEA;

ALTER TABLE "sender_identity" ADD CONSTRAINT "sender_identity_dkim_complete_check"
  CHECK (("dkim_domain" IS NULL) = ("dkim_selector" IS NULL) AND ("dkim_domain" IS NULL) = ("dkim_private_key_enc" IS NULL));

-- Why a campaign was stopped by the system (shown in its report).
ALTER TABLE "campaign" ADD COLUMN "stop_reason" TEXT;

-- A DSN reaches the receiver with no tenant context: its VERP address names a campaign, and its
-- signature was verified before this is called. The function reveals one campaign's tenant id
-- and nothing else; the work that follows runs under that tenant's RLS scope.
CREATE FUNCTION campaign_tenant_id(p_campaign uuid) RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT tenant_id FROM campaign WHERE id = p_campaign LIMIT 1 $$;
REVOKE ALL ON FUNCTION campaign_tenant_id(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION campaign_tenant_id(uuid) TO rappel_app_access;
