-- A tenant's own SMTP relay for campaign e-mail (its ESP or its own server). When absent the
-- platform's relay (SMTP_URL) sends. The password is sealed with the tenant's data key and is
-- never read back to the browser; messages_per_second is the relay's contract, enforced across
-- worker processes.
CREATE TABLE "smtp_relay" (
    "tenant_id" UUID NOT NULL,
    "host" TEXT NOT NULL,
    "port" INTEGER NOT NULL,
    "tls_mode" TEXT NOT NULL,
    "username" TEXT,
    "password_enc" BYTEA,
    "messages_per_second" INTEGER NOT NULL DEFAULT 50,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "smtp_relay_pkey" PRIMARY KEY ("tenant_id"),
    CONSTRAINT "smtp_relay_tls_mode_check" CHECK ("tls_mode" IN ('starttls', 'tls', 'none')),
    CONSTRAINT "smtp_relay_port_check" CHECK ("port" BETWEEN 1 AND 65535),
    CONSTRAINT "smtp_relay_rate_check" CHECK ("messages_per_second" BETWEEN 1 AND 10000)
);

ALTER TABLE "smtp_relay" ADD CONSTRAINT "smtp_relay_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "smtp_relay" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "smtp_relay" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "smtp_relay"
  USING (tenant_id = (SELECT app_current_tenant_id()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant_id()));
GRANT SELECT, INSERT, UPDATE, DELETE ON "smtp_relay" TO rappel_app_access;
