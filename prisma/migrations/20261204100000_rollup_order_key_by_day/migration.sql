-- rollup_order's key starts like the dashboards' look-ups (performance, sale day, channel), which
-- had an index of their own: one index fewer to fill at every refresh. Still unique: a row's day
-- is its order's.
DROP INDEX "rollup_order_tenant_id_performance_id_day_sales_channel_spe_idx";
ALTER TABLE "rollup_order" DROP CONSTRAINT "rollup_order_pkey";
ALTER TABLE "rollup_order" ADD CONSTRAINT "rollup_order_pkey" PRIMARY KEY ("tenant_id", "performance_id", "day", "sales_channel", "order_id");
