-- CreateEnum
CREATE TYPE "purge_mode" AS ENUM ('approval', 'automatic');

-- CreateEnum
CREATE TYPE "purge_run_status" AS ENUM ('awaiting_approval', 'approved', 'running', 'completed', 'rejected', 'superseded', 'failed');

-- CreateEnum
CREATE TYPE "data_subject_request_kind" AS ENUM ('access', 'rectification', 'erasure', 'restriction', 'objection', 'portability', 'post_mortem');

-- CreateEnum
CREATE TYPE "data_subject_request_status" AS ENUM ('awaiting_verification', 'open', 'completed', 'rejected');

-- CreateTable
CREATE TABLE "privacy_setting" (
    "tenant_id" UUID NOT NULL,
    "purge_mode" "purge_mode" NOT NULL DEFAULT 'approval',
    "updated_by_id" UUID,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "privacy_setting_pkey" PRIMARY KEY ("tenant_id")
);

-- CreateTable
CREATE TABLE "retention_override" (
    "tenant_id" UUID NOT NULL,
    "category" TEXT NOT NULL,
    "active_months" INTEGER NOT NULL,
    "archive_months" INTEGER NOT NULL,
    "reason" TEXT,
    "set_by_id" UUID,
    "set_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "retention_override_pkey" PRIMARY KEY ("tenant_id","category")
);

-- CreateTable
CREATE TABLE "legal_hold" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "spectator_id" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "released_at" TIMESTAMPTZ(6),

    CONSTRAINT "legal_hold_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "purge_run" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "category" TEXT NOT NULL,
    "mode" "purge_mode" NOT NULL,
    "status" "purge_run_status" NOT NULL,
    "cutoff" TIMESTAMPTZ(6) NOT NULL,
    "rule" JSONB NOT NULL,
    "preview" JSONB NOT NULL,
    "counts" JSONB,
    "approved_by_id" UUID,
    "approved_at" TIMESTAMPTZ(6),
    "started_at" TIMESTAMPTZ(6),
    "finished_at" TIMESTAMPTZ(6),
    "error" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "purge_run_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "data_subject_request" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "kind" "data_subject_request_kind" NOT NULL,
    "status" "data_subject_request_status" NOT NULL,
    "channel" TEXT NOT NULL,
    "email_enc" BYTEA,
    "email_bidx" BYTEA,
    "details_enc" BYTEA,
    "received_at" TIMESTAMPTZ(6) NOT NULL,
    "verified_at" TIMESTAMPTZ(6),
    "extension_months" INTEGER NOT NULL DEFAULT 0,
    "extension_reason" TEXT,
    "due_at" TIMESTAMPTZ(6),
    "otp_hash" BYTEA,
    "otp_expires_at" TIMESTAMPTZ(6),
    "otp_attempts" INTEGER NOT NULL DEFAULT 0,
    "completed_at" TIMESTAMPTZ(6),
    "outcome" JSONB,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "data_subject_request_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "suppression_entry" (
    "tenant_id" UUID NOT NULL,
    "hash" BYTEA NOT NULL,
    "kind" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "suppression_entry_pkey" PRIMARY KEY ("tenant_id","hash")
);

-- CreateTable
CREATE TABLE "processing_restriction" (
    "tenant_id" UUID NOT NULL,
    "spectator_id" UUID NOT NULL,
    "request_id" UUID,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lifted_at" TIMESTAMPTZ(6),

    CONSTRAINT "processing_restriction_pkey" PRIMARY KEY ("tenant_id","spectator_id")
);

-- CreateIndex
CREATE INDEX "legal_hold_tenant_id_spectator_id_idx" ON "legal_hold"("tenant_id", "spectator_id");

-- CreateIndex
CREATE INDEX "purge_run_tenant_id_created_at_idx" ON "purge_run"("tenant_id", "created_at");

-- CreateIndex
CREATE INDEX "data_subject_request_tenant_id_status_due_at_idx" ON "data_subject_request"("tenant_id", "status", "due_at");

-- AddForeignKey
ALTER TABLE "privacy_setting" ADD CONSTRAINT "privacy_setting_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "retention_override" ADD CONSTRAINT "retention_override_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "legal_hold" ADD CONSTRAINT "legal_hold_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "purge_run" ADD CONSTRAINT "purge_run_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "data_subject_request" ADD CONSTRAINT "data_subject_request_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "suppression_entry" ADD CONSTRAINT "suppression_entry_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "processing_restriction" ADD CONSTRAINT "processing_restriction_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A longer retention than the default needs a recorded reason (the code checks it against the
-- defaults; the database at least refuses an empty one).
ALTER TABLE "retention_override" ADD CONSTRAINT "retention_override_periods_check"
  CHECK ("active_months" >= 0 AND "archive_months" >= 0 AND ("reason" IS NULL OR length(trim("reason")) > 0));

-- Row-level security (forced) on every new tenant-owned table, as in 20261122010000.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['privacy_setting', 'retention_override', 'legal_hold', 'purge_run',
                           'data_subject_request', 'suppression_entry', 'processing_restriction']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I
         USING (tenant_id = (SELECT app_current_tenant_id()))
         WITH CHECK (tenant_id = (SELECT app_current_tenant_id()))', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO rappel_app_access', t);
  END LOOP;
END
$$;
