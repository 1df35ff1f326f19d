-- Short survey links (/s/<code>): a code is 11 characters of secret plus the tenant's link number,
-- so the page finds the tenant without a cross-tenant lookup (row-level security forbids one);
-- only the code's SHA-256 is stored, unique per tenant. See docs/decisions/0011.

-- AlterTable (existing tenants are numbered in creation order by the serial's default)
ALTER TABLE "tenant" ADD COLUMN     "link_number" SERIAL NOT NULL;

-- AlterTable (null for invitations created before short links: their e-mail uses the long token)
ALTER TABLE "survey_invitation" ADD COLUMN     "short_hash" BYTEA;

-- CreateIndex
CREATE UNIQUE INDEX "tenant_link_number_key" ON "tenant"("link_number");

-- CreateIndex
CREATE UNIQUE INDEX "survey_invitation_tenant_id_short_hash_key" ON "survey_invitation"("tenant_id", "short_hash");

-- The application creates tenants: it draws their number from the serial.
GRANT USAGE ON SEQUENCE "tenant_link_number_seq" TO rappel_app_access;
