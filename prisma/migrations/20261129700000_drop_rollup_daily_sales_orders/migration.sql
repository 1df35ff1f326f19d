-- rollup_daily_sales.orders (distinct orders per day, channel and price category) was never read:
-- order counts come from rollup_order / rollup_season_buyers, which count an order once whatever
-- its channels and categories. Computing it cost a count(DISTINCT) in every rollup refresh.
ALTER TABLE "rollup_daily_sales" DROP COLUMN "orders";
