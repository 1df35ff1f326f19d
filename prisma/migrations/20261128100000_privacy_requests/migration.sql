-- Data-subject requests: rectification history, forwarding to the client tenant, and the
-- tenant's privacy contact address (issue 6 §3).

-- AlterTable
ALTER TABLE "privacy_setting" ADD COLUMN "privacy_contact_email" TEXT;

-- AlterTable: the person's name (sealed) and how the tenant's staff received the request.
ALTER TABLE "data_subject_request" ADD COLUMN "name_enc" BYTEA,
ADD COLUMN "received_via" TEXT;

-- CreateTable
CREATE TABLE "spectator_rectification" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "request_id" UUID NOT NULL,
    "spectator_id" UUID NOT NULL,
    "field" TEXT NOT NULL,
    "old_enc" BYTEA,
    "new_enc" BYTEA,
    "actor_user_id" UUID,
    "actor_kind" TEXT NOT NULL,
    "changed_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "spectator_rectification_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "data_subject_request_forward" (
    "tenant_id" UUID NOT NULL,
    "request_id" UUID NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "recipients" INTEGER NOT NULL DEFAULT 0,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "client_due_at" TIMESTAMPTZ(6),
    "message_id" TEXT,
    "smtp_response" TEXT,
    "last_error" TEXT,
    "sent_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "data_subject_request_forward_pkey" PRIMARY KEY ("tenant_id","request_id")
);

-- CreateIndex
CREATE INDEX "spectator_rectification_tenant_id_spectator_id_idx" ON "spectator_rectification"("tenant_id", "spectator_id");

-- CreateIndex
CREATE INDEX "spectator_rectification_tenant_id_request_id_idx" ON "spectator_rectification"("tenant_id", "request_id");

-- AddForeignKey
ALTER TABLE "spectator_rectification" ADD CONSTRAINT "spectator_rectification_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "spectator_rectification" ADD CONSTRAINT "spectator_rectification_tenant_id_request_id_fkey" FOREIGN KEY ("tenant_id", "request_id") REFERENCES "data_subject_request"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "data_subject_request_forward" ADD CONSTRAINT "data_subject_request_forward_tenant_id_request_id_fkey" FOREIGN KEY ("tenant_id", "request_id") REFERENCES "data_subject_request"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A forward is pending, being sent (claimed before the SMTP call), sent, or failed.
ALTER TABLE "data_subject_request_forward" ADD CONSTRAINT "data_subject_request_forward_status_check"
  CHECK ("status" IN ('pending', 'sending', 'sent', 'failed'));

-- Row-level security (forced) on the new tenant-owned tables, as in 20261127500000.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['spectator_rectification', 'data_subject_request_forward']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I
         USING (tenant_id = (SELECT app_current_tenant_id()))
         WITH CHECK (tenant_id = (SELECT app_current_tenant_id()))', t);
  END LOOP;
END
$$;

-- The rectification history is append-only, except that erasure deletes the person's rows.
GRANT SELECT, INSERT, DELETE ON "spectator_rectification" TO rappel_app_access;
GRANT SELECT, INSERT, UPDATE ON "data_subject_request_forward" TO rappel_app_access;
