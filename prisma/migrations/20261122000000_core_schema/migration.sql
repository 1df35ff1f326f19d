-- Core domain model, generated from prisma/schema.prisma by scripts/schema-sql.mjs, then edited by
-- hand where schema.prisma cannot speak: the high-volume tenant-owned tables are partitioned by
-- LIST (tenant_id); each tenant's partitions are created by create_tenant_partitions() (next
-- migration).

-- CreateEnum
CREATE TYPE "tenant_status" AS ENUM ('active', 'offboarding', 'closed');

-- CreateEnum
CREATE TYPE "platform_role" AS ENUM ('superadmin', 'dpo');

-- CreateEnum
CREATE TYPE "tenant_role" AS ENUM ('owner', 'admin', 'analyst', 'marketer', 'survey_manager', 'viewer');

-- CreateEnum
CREATE TYPE "performance_status" AS ENUM ('scheduled', 'cancelled', 'moved');

-- CreateEnum
CREATE TYPE "consent_channel" AS ENUM ('email', 'sms', 'survey');

-- CreateEnum
CREATE TYPE "consent_status" AS ENUM ('granted', 'withdrawn');

-- CreateEnum
CREATE TYPE "sales_channel" AS ENUM ('box_office', 'web', 'phone', 'reseller', 'partner');

-- CreateEnum
CREATE TYPE "order_status" AS ENUM ('paid', 'cancelled', 'refunded');

-- CreateEnum
CREATE TYPE "ticket_status" AS ENUM ('valid', 'cancelled', 'refunded');

-- CreateTable
CREATE TABLE "tenant" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'Europe/Paris',
    "default_locale" TEXT NOT NULL DEFAULT 'fr',
    "status" "tenant_status" NOT NULL DEFAULT 'active',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tenant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_user" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'fr',
    "platform_role" "platform_role",
    "totp_secret_enc" BYTEA,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disabled_at" TIMESTAMPTZ(6),

    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "membership" (
    "tenant_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "role" "tenant_role" NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "membership_pkey" PRIMARY KEY ("tenant_id","user_id")
);

-- CreateTable
CREATE TABLE "tenant_data_key" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "wrapped_key" BYTEA NOT NULL,
    "master_key_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retired_at" TIMESTAMPTZ(6),

    CONSTRAINT "tenant_data_key_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "venue" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "site_name" TEXT,
    "capacity" INTEGER NOT NULL,
    "address" TEXT,
    "postal_code" TEXT,
    "city" TEXT,
    "commune_code" TEXT,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "venue_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "show" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "title" TEXT NOT NULL,
    "genre" TEXT,
    "producer" TEXT,
    "external_ref" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "show_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "performance" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "show_id" UUID NOT NULL,
    "venue_id" UUID NOT NULL,
    "starts_at" TIMESTAMPTZ(6) NOT NULL,
    "ends_at" TIMESTAMPTZ(6) NOT NULL,
    "capacity" INTEGER NOT NULL,
    "blocked_seats" INTEGER NOT NULL DEFAULT 0,
    "status" "performance_status" NOT NULL DEFAULT 'scheduled',
    "external_ref" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "performance_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "spectator" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email_enc" BYTEA,
    "email_bidx" BYTEA,
    "phone_enc" BYTEA,
    "phone_bidx" BYTEA,
    "first_name_enc" BYTEA,
    "last_name_enc" BYTEA,
    "name_postal_bidx" BYTEA,
    "street_address_enc" BYTEA,
    "postal_code" TEXT,
    "commune_code" TEXT,
    "country" TEXT NOT NULL DEFAULT 'FR',
    "birth_year" INTEGER,
    "language" TEXT NOT NULL DEFAULT 'fr',
    "external_ref" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "spectator_pkey" PRIMARY KEY ("tenant_id","id")
) PARTITION BY LIST ("tenant_id");

-- CreateTable
CREATE TABLE "consent" (
    "tenant_id" UUID NOT NULL,
    "spectator_id" UUID NOT NULL,
    "channel" "consent_channel" NOT NULL,
    "status" "consent_status" NOT NULL,
    "source" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "consent_pkey" PRIMARY KEY ("tenant_id","spectator_id","channel")
) PARTITION BY LIST ("tenant_id");

-- CreateTable
CREATE TABLE "ticket_order" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "reference" TEXT NOT NULL,
    "spectator_id" UUID,
    "ordered_at" TIMESTAMPTZ(6) NOT NULL,
    "sales_channel" "sales_channel" NOT NULL,
    "total_cents" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL DEFAULT 'EUR',
    "status" "order_status" NOT NULL DEFAULT 'paid',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ticket_order_pkey" PRIMARY KEY ("tenant_id","id")
) PARTITION BY LIST ("tenant_id");

-- CreateTable
CREATE TABLE "ticket" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "reference" TEXT NOT NULL,
    "order_id" UUID NOT NULL,
    "performance_id" UUID NOT NULL,
    "holder_id" UUID,
    "price_category" TEXT NOT NULL,
    "price_cents" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL DEFAULT 'EUR',
    "sales_channel" "sales_channel" NOT NULL,
    "is_complimentary" BOOLEAN NOT NULL DEFAULT false,
    "status" "ticket_status" NOT NULL DEFAULT 'valid',
    "issued_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "ticket_pkey" PRIMARY KEY ("tenant_id","id")
) PARTITION BY LIST ("tenant_id");

-- CreateTable
CREATE TABLE "audit_entry" (
    "tenant_id" UUID NOT NULL,
    "seq" BIGINT NOT NULL,
    "occurred_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_user_id" UUID,
    "actor_kind" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target_type" TEXT,
    "target_id" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',
    "prev_hash" BYTEA NOT NULL,
    "hash" BYTEA NOT NULL,

    CONSTRAINT "audit_entry_pkey" PRIMARY KEY ("tenant_id","seq")
) PARTITION BY LIST ("tenant_id");

-- CreateIndex
CREATE UNIQUE INDEX "tenant_slug_key" ON "tenant"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "app_user_email_key" ON "app_user"("email");

-- CreateIndex
CREATE INDEX "membership_user_id_idx" ON "membership"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "venue_tenant_id_name_key" ON "venue"("tenant_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "show_tenant_id_external_ref_key" ON "show"("tenant_id", "external_ref");

-- CreateIndex
CREATE INDEX "performance_tenant_id_starts_at_idx" ON "performance"("tenant_id", "starts_at");

-- CreateIndex
CREATE INDEX "performance_tenant_id_show_id_idx" ON "performance"("tenant_id", "show_id");

-- CreateIndex
CREATE INDEX "performance_tenant_id_venue_id_idx" ON "performance"("tenant_id", "venue_id");

-- CreateIndex
CREATE UNIQUE INDEX "performance_tenant_id_external_ref_key" ON "performance"("tenant_id", "external_ref");

-- CreateIndex
CREATE INDEX "spectator_tenant_id_email_bidx_idx" ON "spectator"("tenant_id", "email_bidx");

-- CreateIndex
CREATE INDEX "spectator_tenant_id_phone_bidx_idx" ON "spectator"("tenant_id", "phone_bidx");

-- CreateIndex
CREATE INDEX "spectator_tenant_id_postal_code_idx" ON "spectator"("tenant_id", "postal_code");

-- CreateIndex
CREATE UNIQUE INDEX "spectator_tenant_id_external_ref_key" ON "spectator"("tenant_id", "external_ref");

-- CreateIndex
CREATE INDEX "ticket_order_tenant_id_spectator_id_idx" ON "ticket_order"("tenant_id", "spectator_id");

-- CreateIndex
CREATE INDEX "ticket_order_tenant_id_ordered_at_idx" ON "ticket_order"("tenant_id", "ordered_at");

-- CreateIndex
CREATE UNIQUE INDEX "ticket_order_tenant_id_reference_key" ON "ticket_order"("tenant_id", "reference");

-- CreateIndex
CREATE INDEX "ticket_tenant_id_performance_id_idx" ON "ticket"("tenant_id", "performance_id");

-- CreateIndex
CREATE INDEX "ticket_tenant_id_order_id_idx" ON "ticket"("tenant_id", "order_id");

-- CreateIndex
CREATE INDEX "ticket_tenant_id_holder_id_idx" ON "ticket"("tenant_id", "holder_id");

-- CreateIndex
CREATE UNIQUE INDEX "ticket_tenant_id_reference_key" ON "ticket"("tenant_id", "reference");

-- CreateIndex
CREATE INDEX "audit_entry_tenant_id_occurred_at_idx" ON "audit_entry"("tenant_id", "occurred_at");

-- AddForeignKey
ALTER TABLE "membership" ADD CONSTRAINT "membership_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "membership" ADD CONSTRAINT "membership_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tenant_data_key" ADD CONSTRAINT "tenant_data_key_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "venue" ADD CONSTRAINT "venue_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "show" ADD CONSTRAINT "show_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "performance" ADD CONSTRAINT "performance_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "performance" ADD CONSTRAINT "performance_tenant_id_show_id_fkey" FOREIGN KEY ("tenant_id", "show_id") REFERENCES "show"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "performance" ADD CONSTRAINT "performance_tenant_id_venue_id_fkey" FOREIGN KEY ("tenant_id", "venue_id") REFERENCES "venue"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "spectator" ADD CONSTRAINT "spectator_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consent" ADD CONSTRAINT "consent_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consent" ADD CONSTRAINT "consent_tenant_id_spectator_id_fkey" FOREIGN KEY ("tenant_id", "spectator_id") REFERENCES "spectator"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ticket_order" ADD CONSTRAINT "ticket_order_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ticket_order" ADD CONSTRAINT "ticket_order_tenant_id_spectator_id_fkey" FOREIGN KEY ("tenant_id", "spectator_id") REFERENCES "spectator"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ticket" ADD CONSTRAINT "ticket_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ticket" ADD CONSTRAINT "ticket_tenant_id_order_id_fkey" FOREIGN KEY ("tenant_id", "order_id") REFERENCES "ticket_order"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ticket" ADD CONSTRAINT "ticket_tenant_id_performance_id_fkey" FOREIGN KEY ("tenant_id", "performance_id") REFERENCES "performance"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ticket" ADD CONSTRAINT "ticket_tenant_id_holder_id_fkey" FOREIGN KEY ("tenant_id", "holder_id") REFERENCES "spectator"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_entry" ADD CONSTRAINT "audit_entry_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
