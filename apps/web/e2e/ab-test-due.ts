// Run by the A/B journey (through tsx): stands for the passing of the A/B test's wait by moving
// the named campaign's decision time to now; the running worker's sweep (every 5 s) then decides
// and sends the rest. Prints the new decision time.
import { createDatabase, withTenant } from "@rappel/db";

const url = process.env.E2E_DATABASE_URL;
const name = process.argv[2];
if (!url || !name) throw new Error("usage: E2E_DATABASE_URL=… tsx ab-test-due.ts <campaign name>");

const db = createDatabase(url, { max: 1 });
const tenant = await db.tenant.findUniqueOrThrow({ where: { slug: "theatre-lumiere" } });
const now = new Date();
const moved = await withTenant(db, tenant.id, (tx) =>
  tx.campaign.updateMany({ where: { tenantId: tenant.id, name, status: "sending", abWinner: null }, data: { abDecideAt: now } }),
);
if (moved.count !== 1) throw new Error(`expected one undecided A/B campaign named ${name}, found ${moved.count}`);
console.log(now.toISOString());
await db.$disconnect();
