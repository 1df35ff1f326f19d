-- SMS campaigns: the tenant's SMS provider and sending rules (sms_settings), and an index to find
-- a ledger row from a delivery receipt (the provider's message id is unique per provider, and a
-- provider belongs to one tenant).
CREATE TABLE "sms_settings" (
    "tenant_id" UUID NOT NULL,
    "provider" TEXT NOT NULL,
    "endpoint_url" TEXT NOT NULL,
    "system_id" TEXT,
    -- SMPP password or HTTP token, sealed with the tenant's data key (never stored in clear)
    "secret_enc" BYTEA,
    -- HMAC key the HTTP provider signs its webhook calls with, sealed the same way
    "webhook_secret_enc" BYTEA,
    "messages_per_second" INTEGER NOT NULL DEFAULT 10,
    "price_per_segment_cents" INTEGER NOT NULL DEFAULT 8,
    "opt_out_mention" TEXT NOT NULL DEFAULT 'STOP au 36180',
    "send_window" JSONB NOT NULL DEFAULT '{"weekdays":[1,2,3,4,5,6],"startMinute":480,"endMinute":1200,"skipHolidays":true,"alsaceMoselle":false,"timeZone":"Europe/Paris"}',
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sms_settings_pkey" PRIMARY KEY ("tenant_id"),
    CONSTRAINT "sms_settings_provider_check" CHECK ("provider" IN ('smpp', 'http')),
    CONSTRAINT "sms_settings_rate_check" CHECK ("messages_per_second" BETWEEN 1 AND 1000)
);

ALTER TABLE "sms_settings" ADD CONSTRAINT "sms_settings_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE INDEX "campaign_delivery_tenant_id_provider_id_idx" ON "campaign_delivery"("tenant_id", "provider_id");

ALTER TABLE "sms_settings" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "sms_settings" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "sms_settings"
  USING (tenant_id = (SELECT app_current_tenant_id()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant_id()));
GRANT SELECT, INSERT, UPDATE, DELETE ON "sms_settings" TO rappel_app_access;
