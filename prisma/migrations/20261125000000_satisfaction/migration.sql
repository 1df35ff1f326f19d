-- Satisfaction: surveys, versions, dispatch rules and plans, invitations, responses, exclusion lists, alerts.
-- Generated from schema.prisma with `pnpm --filter @rappel/db schema-sql`, then RLS added by hand.
-- Invitations and responses are not LIST-partitioned yet (see the area's report): RLS alone isolates them.


-- CreateEnum
CREATE TYPE "survey_status" AS ENUM ('draft', 'active', 'closed');

-- CreateEnum
CREATE TYPE "survey_plan_kind" AS ENUM ('initial', 'reminder');

-- CreateEnum
CREATE TYPE "survey_plan_status" AS ENUM ('planned', 'done', 'cancelled', 'skipped');

-- CreateEnum
CREATE TYPE "survey_invitation_status" AS ENUM ('scheduled', 'sending', 'sent', 'bounced', 'opened', 'started', 'completed', 'unsubscribed', 'cancelled');

-- CreateTable
CREATE TABLE "survey" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "status" "survey_status" NOT NULL DEFAULT 'draft',
    "current_version" INTEGER NOT NULL DEFAULT 1,
    "closes_at" TIMESTAMPTZ(6),
    "min_responses" INTEGER NOT NULL DEFAULT 5,
    "settings" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "survey_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "survey_version" (
    "tenant_id" UUID NOT NULL,
    "survey_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "definition" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "survey_version_pkey" PRIMARY KEY ("tenant_id","survey_id","version")
);

-- CreateTable
CREATE TABLE "survey_dispatch_rule" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "survey_id" UUID NOT NULL,
    "show_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "venue_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "genres" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "delay_minutes" INTEGER NOT NULL DEFAULT 180,
    "reminder_after_days" INTEGER,
    "fatigue_days" INTEGER NOT NULL DEFAULT 30,
    "sample_every" INTEGER NOT NULL DEFAULT 1,
    "frequent_threshold" INTEGER NOT NULL DEFAULT 6,
    "festival_window_hours" INTEGER NOT NULL DEFAULT 0,
    "exclude_staff" BOOLEAN NOT NULL DEFAULT true,
    "exclude_complimentary" BOOLEAN NOT NULL DEFAULT false,
    "quiet_start_hour" INTEGER NOT NULL DEFAULT 21,
    "quiet_end_hour" INTEGER NOT NULL DEFAULT 9,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "survey_dispatch_rule_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "survey_dispatch_plan" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "survey_id" UUID NOT NULL,
    "performance_id" UUID NOT NULL,
    "kind" "survey_plan_kind" NOT NULL,
    "planned_for" TIMESTAMPTZ(6) NOT NULL,
    "performance_ends_at" TIMESTAMPTZ(6) NOT NULL,
    "status" "survey_plan_status" NOT NULL DEFAULT 'planned',
    "processed_at" TIMESTAMPTZ(6),
    "summary" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "survey_dispatch_plan_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "survey_invitation" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "survey_id" UUID NOT NULL,
    "spectator_id" UUID NOT NULL,
    "performance_id" UUID NOT NULL,
    "performance_ids" UUID[],
    "token_hash" BYTEA NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'fr',
    "status" "survey_invitation_status" NOT NULL DEFAULT 'scheduled',
    "scheduled_for" TIMESTAMPTZ(6) NOT NULL,
    "sent_at" TIMESTAMPTZ(6),
    "opened_at" TIMESTAMPTZ(6),
    "started_at" TIMESTAMPTZ(6),
    "completed_at" TIMESTAMPTZ(6),
    "reminded_at" TIMESTAMPTZ(6),
    "bounced_at" TIMESTAMPTZ(6),
    "unsubscribed_at" TIMESTAMPTZ(6),
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "survey_invitation_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "survey_response" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "invitation_id" UUID NOT NULL,
    "survey_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "answers" JSONB NOT NULL DEFAULT '{}',
    "texts_enc" BYTEA,
    "topics" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "topics_edited" BOOLEAN NOT NULL DEFAULT false,
    "nps" INTEGER,
    "current_page" INTEGER NOT NULL DEFAULT 0,
    "completed_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "survey_response_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "survey_exclusion" (
    "tenant_id" UUID NOT NULL,
    "spectator_id" UUID NOT NULL,
    "list" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "survey_exclusion_pkey" PRIMARY KEY ("tenant_id","spectator_id","list")
);

-- CreateTable
CREATE TABLE "survey_alert" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "survey_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    "sent_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "survey_alert_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateIndex
CREATE INDEX "survey_dispatch_rule_tenant_id_survey_id_idx" ON "survey_dispatch_rule"("tenant_id", "survey_id");

-- CreateIndex
CREATE INDEX "survey_dispatch_plan_tenant_id_status_planned_for_idx" ON "survey_dispatch_plan"("tenant_id", "status", "planned_for");

-- CreateIndex
CREATE UNIQUE INDEX "survey_dispatch_plan_tenant_id_survey_id_performance_id_kin_key" ON "survey_dispatch_plan"("tenant_id", "survey_id", "performance_id", "kind");

-- CreateIndex
CREATE INDEX "survey_invitation_tenant_id_spectator_id_scheduled_for_idx" ON "survey_invitation"("tenant_id", "spectator_id", "scheduled_for");

-- CreateIndex
CREATE UNIQUE INDEX "survey_invitation_tenant_id_survey_id_performance_id_specta_key" ON "survey_invitation"("tenant_id", "survey_id", "performance_id", "spectator_id");

-- CreateIndex
CREATE UNIQUE INDEX "survey_invitation_tenant_id_token_hash_key" ON "survey_invitation"("tenant_id", "token_hash");

-- CreateIndex
CREATE INDEX "survey_response_tenant_id_survey_id_idx" ON "survey_response"("tenant_id", "survey_id");

-- CreateIndex
CREATE UNIQUE INDEX "survey_response_tenant_id_invitation_id_key" ON "survey_response"("tenant_id", "invitation_id");

-- CreateIndex
CREATE UNIQUE INDEX "survey_alert_tenant_id_key_key" ON "survey_alert"("tenant_id", "key");

-- AddForeignKey
ALTER TABLE "survey" ADD CONSTRAINT "survey_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "survey_version" ADD CONSTRAINT "survey_version_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "survey_version" ADD CONSTRAINT "survey_version_tenant_id_survey_id_fkey" FOREIGN KEY ("tenant_id", "survey_id") REFERENCES "survey"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "survey_dispatch_rule" ADD CONSTRAINT "survey_dispatch_rule_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "survey_dispatch_rule" ADD CONSTRAINT "survey_dispatch_rule_tenant_id_survey_id_fkey" FOREIGN KEY ("tenant_id", "survey_id") REFERENCES "survey"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "survey_dispatch_plan" ADD CONSTRAINT "survey_dispatch_plan_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "survey_dispatch_plan" ADD CONSTRAINT "survey_dispatch_plan_tenant_id_survey_id_fkey" FOREIGN KEY ("tenant_id", "survey_id") REFERENCES "survey"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "survey_dispatch_plan" ADD CONSTRAINT "survey_dispatch_plan_tenant_id_performance_id_fkey" FOREIGN KEY ("tenant_id", "performance_id") REFERENCES "performance"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "survey_invitation" ADD CONSTRAINT "survey_invitation_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "survey_invitation" ADD CONSTRAINT "survey_invitation_tenant_id_survey_id_fkey" FOREIGN KEY ("tenant_id", "survey_id") REFERENCES "survey"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "survey_invitation" ADD CONSTRAINT "survey_invitation_tenant_id_performance_id_fkey" FOREIGN KEY ("tenant_id", "performance_id") REFERENCES "performance"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "survey_response" ADD CONSTRAINT "survey_response_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "survey_response" ADD CONSTRAINT "survey_response_tenant_id_invitation_id_fkey" FOREIGN KEY ("tenant_id", "invitation_id") REFERENCES "survey_invitation"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "survey_response" ADD CONSTRAINT "survey_response_tenant_id_survey_id_version_fkey" FOREIGN KEY ("tenant_id", "survey_id", "version") REFERENCES "survey_version"("tenant_id", "survey_id", "version") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "survey_exclusion" ADD CONSTRAINT "survey_exclusion_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "survey_alert" ADD CONSTRAINT "survey_alert_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Row-level security (forced) on every new tenant-owned table, as in 20261122000100.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['survey', 'survey_version', 'survey_dispatch_rule', 'survey_dispatch_plan',
                           'survey_invitation', 'survey_response', 'survey_exclusion', 'survey_alert']
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
