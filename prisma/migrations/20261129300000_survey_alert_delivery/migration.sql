-- One row per (alert, staff recipient): the send ledger of satisfaction alerts. A row is claimed
-- ('sending') and committed before the SMTP conversation, so a retry after a part-way failure
-- only sends to the recipients that were never claimed (docs/decisions/0013).
CREATE TABLE "survey_alert_delivery" (
    "tenant_id" UUID NOT NULL,
    "alert_id" UUID NOT NULL,
    "recipient" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'sending',
    "error" TEXT,
    "claimed_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(6),

    CONSTRAINT "survey_alert_delivery_pkey" PRIMARY KEY ("tenant_id","alert_id","recipient"),
    CONSTRAINT "survey_alert_delivery_status_check" CHECK ("status" IN ('sending', 'sent', 'failed'))
);

ALTER TABLE "survey_alert_delivery" ADD CONSTRAINT "survey_alert_delivery_tenant_id_alert_id_fkey"
  FOREIGN KEY ("tenant_id", "alert_id") REFERENCES "survey_alert"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Row-level security (forced), as in 20261122000100.
ALTER TABLE "survey_alert_delivery" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "survey_alert_delivery" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "survey_alert_delivery"
  USING (tenant_id = (SELECT app_current_tenant_id()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant_id()));
GRANT SELECT, INSERT, UPDATE, DELETE ON "survey_alert_delivery" TO rappel_app_access;
