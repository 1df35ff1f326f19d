-- The audience per performance, sales channel and commune: the maps with a channel filter.
-- (rollup_audience has no channel; splitting it would count a person who bought one performance
-- through two channels twice in the unfiltered maps.)
CREATE TABLE "rollup_audience_channel" (
    "tenant_id" UUID NOT NULL,
    "performance_id" UUID NOT NULL,
    "sales_channel" "sales_channel" NOT NULL,
    "commune_code" TEXT NOT NULL,
    "departement" TEXT NOT NULL,
    "spectators" INTEGER NOT NULL,
    "tickets" INTEGER NOT NULL,
    "revenue_cents" BIGINT NOT NULL,

    CONSTRAINT "rollup_audience_channel_pkey" PRIMARY KEY ("tenant_id","performance_id","sales_channel","commune_code")
);

ALTER TABLE "rollup_audience_channel" ADD CONSTRAINT "rollup_audience_channel_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "rollup_audience_channel" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "rollup_audience_channel" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "rollup_audience_channel"
  USING (tenant_id = (SELECT app_current_tenant_id()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant_id()));
GRANT SELECT, INSERT, UPDATE, DELETE ON "rollup_audience_channel" TO rappel_app_access;
