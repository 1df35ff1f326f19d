// A ticket's order, performance and holder, and an order's buyer, are checked once per statement
// by triggers, not by per-row foreign keys (migrations 20261130300000 and 20261201301000,
// decisions 0020 and 0022). Every rule the keys enforced must still hold, through the application
// role (row-level security on) and the owner.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "./client";
import { createTwoTenants, type TenantRows } from "./testing/two-tenants";

const appUrl = process.env.DATABASE_URL!;
const ownerUrl = process.env.MIGRATION_DATABASE_URL!;
let db: Database;
let a: TenantRows;
let b: TenantRows;
let app: pg.Client;
let owner: pg.Client;

beforeAll(async () => {
  db = createDatabase(appUrl);
  ({ a, b } = await createTwoTenants(db));
  app = new pg.Client({ connectionString: appUrl });
  owner = new pg.Client({ connectionString: ownerUrl });
  await Promise.all([app.connect(), owner.connect()]);
});
afterAll(async () => {
  await Promise.all([app.end(), owner.end()]);
  await db.$disconnect();
});

/** Runs `work` in a transaction of tenant `t` that is always rolled back; returns its error, if any. */
async function attempt(client: pg.Client, t: TenantRows | null, work: (c: pg.Client) => Promise<unknown>): Promise<(Error & { code?: string; constraint?: string }) | null> {
  await client.query("BEGIN");
  try {
    if (t) await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [t.tenantId]);
    await work(client);
    return null;
  } catch (error) {
    return error as Error & { code?: string };
  } finally {
    await client.query("ROLLBACK");
  }
}

const insertTicket = (c: pg.Client, t: TenantRows, refs: { orderId?: string; performanceId?: string; holderId?: string | null }) =>
  c.query(
    `INSERT INTO ticket (tenant_id, id, reference, order_id, performance_id, holder_id, price_category, price_cents, sales_channel, issued_at)
     VALUES ($1, gen_random_uuid(), $2, $3, $4, $5, 'Plein tarif', 2000, 'web', now())`,
    [t.tenantId, `T-${randomUUID()}`, refs.orderId ?? t.orderId, refs.performanceId ?? t.performanceId, refs.holderId === undefined ? t.spectatorId : refs.holderId],
  );

describe("ticket references checked per statement", () => {
  it("accepts a ticket whose order, performance and holder exist, and one without holder", async () => {
    expect(await attempt(app, a, async (c) => {
      await insertTicket(c, a, {});
      await insertTicket(c, a, { holderId: null });
    })).toBeNull();
  });

  it.each([
    ["orderId", "ticket_tenant_id_order_id_fkey"],
    ["performanceId", "ticket_tenant_id_performance_id_fkey"],
    ["holderId", "ticket_tenant_id_holder_id_fkey"],
  ] as const)("refuses a ticket whose %s does not exist (%s)", async (field, constraint) => {
    const error = await attempt(app, a, (c) => insertTicket(c, a, { [field]: randomUUID() }));
    expect(error).toMatchObject({ code: "23503", constraint });
  });

  it.each(["orderId", "performanceId", "spectatorId"] as const)("refuses a reference to another tenant's row (%s), even for the owner", async (field) => {
    const refs = field === "spectatorId" ? { holderId: b.spectatorId } : { [field]: b[field] };
    expect(await attempt(app, a, (c) => insertTicket(c, a, refs))).toMatchObject({ code: "23503" });
    expect(await attempt(owner, null, (c) => insertTicket(c, a, refs))).toMatchObject({ code: "23503" });
  });

  it("refuses one orphan among many rows of one statement, and an update to a missing reference", async () => {
    const many = await attempt(app, a, (c) =>
      c.query(
        `INSERT INTO ticket (tenant_id, id, reference, order_id, performance_id, holder_id, price_category, price_cents, sales_channel, issued_at)
         SELECT $1, gen_random_uuid(), 'M-' || i, CASE WHEN i = 500 THEN gen_random_uuid() ELSE $2::uuid END, $3, $4, 'Plein tarif', 2000, 'web', now()
           FROM generate_series(1, 1000) i`,
        [a.tenantId, a.orderId, a.performanceId, a.spectatorId],
      ),
    );
    expect(many).toMatchObject({ code: "23503", constraint: "ticket_tenant_id_order_id_fkey" });
    const updated = await attempt(app, a, (c) => c.query(`UPDATE ticket SET performance_id = gen_random_uuid() WHERE id = $1`, [a.ticketId]));
    expect(updated).toMatchObject({ code: "23503", constraint: "ticket_tenant_id_performance_id_fkey" });
    const upserted = await attempt(app, a, (c) =>
      c.query(
        `INSERT INTO ticket AS t (tenant_id, id, reference, order_id, performance_id, holder_id, price_category, price_cents, sales_channel, issued_at)
         VALUES ($1, gen_random_uuid(), 'T-A', $2, $3, gen_random_uuid(), 'Plein tarif', 2000, 'web', now())
         ON CONFLICT (tenant_id, reference) DO UPDATE SET holder_id = EXCLUDED.holder_id`,
        [a.tenantId, a.orderId, a.performanceId],
      ),
    );
    expect(upserted).toMatchObject({ code: "23503", constraint: "ticket_tenant_id_holder_id_fkey" });
  });

  it("deletes an order's tickets with the order", async () => {
    const error = await attempt(app, a, async (c) => {
      await c.query(`DELETE FROM ticket_order WHERE id = $1`, [a.orderId]);
      const { rows } = await c.query(`SELECT count(*)::int AS n FROM ticket WHERE order_id = $1`, [a.orderId]);
      expect(rows[0].n).toBe(0);
    });
    expect(error).toBeNull();
  });

  it("refuses to delete a performance or a holder that tickets reference, or to change their keys", async () => {
    expect(await attempt(app, a, (c) => c.query(`DELETE FROM performance WHERE id = $1`, [a.performanceId]))).toMatchObject({
      code: "23503",
      constraint: "ticket_tenant_id_performance_id_fkey",
    });
    const heldOnly = async (c: pg.Client) => {
      // The order's own key to its buyer would refuse first: the spectator only holds the ticket.
      await c.query(`UPDATE ticket_order SET spectator_id = NULL WHERE spectator_id = $1`, [a.spectatorId]);
      await c.query(`DELETE FROM spectator WHERE id = $1`, [a.spectatorId]);
    };
    expect(await attempt(app, a, heldOnly)).toMatchObject({
      code: "23503",
      constraint: "ticket_tenant_id_holder_id_fkey",
    });
    for (const table of ["ticket_order", "performance", "spectator"]) {
      const id = table === "ticket_order" ? a.orderId : table === "performance" ? a.performanceId : a.spectatorId;
      expect(await attempt(app, a, (c) => c.query(`UPDATE ${table} SET id = gen_random_uuid() WHERE id = $1`, [id]))).toMatchObject({ code: "23503" });
    }
    // Once no ticket holds them, a spectator can go (the holder is cleared, as erasure does).
    expect(await attempt(app, a, async (c) => {
      await c.query(`UPDATE ticket SET holder_id = NULL WHERE holder_id = $1`, [a.spectatorId]);
      await c.query(`UPDATE ticket_order SET spectator_id = NULL WHERE spectator_id = $1`, [a.spectatorId]);
      await c.query(`DELETE FROM spectator WHERE id = $1`, [a.spectatorId]);
    })).toBeNull();
  });

  it("locks like a foreign key: a delete and a ticket insert racing for one spectator never leave an orphan", async () => {
    const other = new pg.Client({ connectionString: appUrl });
    await other.connect();
    const begin = async (c: pg.Client) => {
      await c.query("BEGIN");
      await c.query(`SELECT set_config('app.tenant_id', $1, true)`, [a.tenantId]);
    };
    const newSpectator = async () => {
      await begin(app);
      const { rows } = await app.query<{ id: string }>(`INSERT INTO spectator (tenant_id, postal_code) VALUES ($1, '69001') RETURNING id::text`, [a.tenantId]);
      await app.query("COMMIT");
      return rows[0]!.id;
    };
    try {
      // The ticket first: the delete waits for the ticket's transaction, then refuses.
      const held = await newSpectator();
      await begin(app);
      await insertTicket(app, a, { holderId: held });
      await begin(other);
      const deleting = other.query(`DELETE FROM spectator WHERE id = $1`, [held]).then(() => null, (e: unknown) => e);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await app.query("COMMIT");
      expect(await deleting).toMatchObject({ code: "23503", constraint: "ticket_tenant_id_holder_id_fkey" });
      await other.query("ROLLBACK");

      // The delete first: the ticket waits for the delete's transaction, then is refused.
      const gone = await newSpectator();
      await begin(other);
      await other.query(`DELETE FROM spectator WHERE id = $1`, [gone]);
      await begin(app);
      const inserting = insertTicket(app, a, { holderId: gone }).then(() => null, (e: unknown) => e);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await other.query("COMMIT");
      expect(await inserting).toMatchObject({ code: "23503", constraint: "ticket_tenant_id_holder_id_fkey" });
      await app.query("ROLLBACK");

      await begin(app);
      await app.query(`DELETE FROM ticket WHERE holder_id = $1`, [held]);
      await app.query(`DELETE FROM spectator WHERE id = $1`, [held]);
      await app.query("COMMIT");
    } finally {
      await other.end();
    }
  });

  it("refuses TRUNCATE of a referenced table while tickets exist", async () => {
    expect(await attempt(owner, null, (c) => c.query(`TRUNCATE performance CASCADE`))).toMatchObject({ code: "0A000" });
  });

  it("lets the bulk loader find an orphan written straight into a tenant's partition", async () => {
    const error = await attempt(owner, null, async (c) => {
      const { rows } = await c.query<{ part: string }>(`SELECT tenant_partition_name('ticket', $1::uuid) AS part`, [a.tenantId]);
      await c.query(
        `INSERT INTO tenant_partitions."${rows[0]!.part}" (tenant_id, id, reference, order_id, performance_id, price_category, price_cents, sales_channel, issued_at)
         VALUES ($1, gen_random_uuid(), 'ORPHAN', $2, gen_random_uuid(), 'Plein tarif', 0, 'web', now())`,
        [a.tenantId, a.orderId],
      );
      await c.query(`SELECT ticket_check_tenant_references($1::uuid)`, [a.tenantId]);
    });
    expect(error).toMatchObject({ code: "23503", constraint: "ticket_tenant_id_performance_id_fkey" });
    expect(await attempt(owner, null, (c) => c.query(`SELECT ticket_check_tenant_references($1::uuid)`, [a.tenantId]))).toBeNull();
  });
});

const insertOrder = (c: pg.Client, t: TenantRows, spectatorId: string | null) =>
  c.query(
    `INSERT INTO ticket_order (tenant_id, reference, spectator_id, ordered_at, sales_channel, total_cents) VALUES ($1, $2, $3, now(), 'web', 2000)`,
    [t.tenantId, `O-${randomUUID()}`, spectatorId],
  );
const BUYER_KEY = "ticket_order_tenant_id_spectator_id_fkey";

describe("order buyers checked per statement", () => {
  it("accepts an order whose buyer exists, and one without buyer", async () => {
    expect(await attempt(app, a, async (c) => {
      await insertOrder(c, a, a.spectatorId);
      await insertOrder(c, a, null);
    })).toBeNull();
  });

  it("refuses a missing buyer, another tenant's spectator (even for the owner), one orphan among many, and an update to a missing buyer", async () => {
    expect(await attempt(app, a, (c) => insertOrder(c, a, randomUUID()))).toMatchObject({ code: "23503", constraint: BUYER_KEY });
    expect(await attempt(app, a, (c) => insertOrder(c, a, b.spectatorId))).toMatchObject({ code: "23503", constraint: BUYER_KEY });
    expect(await attempt(owner, null, (c) => insertOrder(c, a, b.spectatorId))).toMatchObject({ code: "23503", constraint: BUYER_KEY });
    const many = await attempt(app, a, (c) =>
      c.query(
        `INSERT INTO ticket_order (tenant_id, reference, spectator_id, ordered_at, sales_channel, total_cents)
         SELECT $1, 'M-' || i, CASE WHEN i = 500 THEN gen_random_uuid() ELSE $2::uuid END, now(), 'web', 2000 FROM generate_series(1, 1000) i`,
        [a.tenantId, a.spectatorId],
      ),
    );
    expect(many).toMatchObject({ code: "23503", constraint: BUYER_KEY });
    expect(await attempt(app, a, (c) => c.query(`UPDATE ticket_order SET spectator_id = gen_random_uuid() WHERE id = $1`, [a.orderId]))).toMatchObject({
      code: "23503",
      constraint: BUYER_KEY,
    });
  });

  it("refuses to delete, re-key or truncate a buyer that orders reference", async () => {
    const buyerOnly = async (c: pg.Client) => {
      // The spectator only buys: its tickets' holder is cleared.
      await c.query(`UPDATE ticket SET holder_id = NULL WHERE holder_id = $1`, [a.spectatorId]);
      await c.query(`DELETE FROM spectator WHERE id = $1`, [a.spectatorId]);
    };
    expect(await attempt(app, a, buyerOnly)).toMatchObject({ code: "23503", constraint: BUYER_KEY });
    expect(await attempt(app, a, async (c) => {
      await c.query(`UPDATE ticket SET holder_id = NULL WHERE holder_id = $1`, [a.spectatorId]);
      await c.query(`UPDATE spectator SET id = gen_random_uuid() WHERE id = $1`, [a.spectatorId]);
    })).toMatchObject({ code: "23503", constraint: BUYER_KEY });
    expect(await attempt(owner, null, async (c) => {
      await c.query(`DELETE FROM ticket`);
      await c.query(`TRUNCATE spectator CASCADE`);
    })).toMatchObject({ code: "0A000" });
  });

  it("locks like a foreign key: a delete and an order insert racing for one spectator never leave an orphan", async () => {
    const other = new pg.Client({ connectionString: appUrl });
    await other.connect();
    const begin = async (c: pg.Client) => {
      await c.query("BEGIN");
      await c.query(`SELECT set_config('app.tenant_id', $1, true)`, [a.tenantId]);
    };
    try {
      await begin(app);
      const { rows } = await app.query<{ id: string }>(`INSERT INTO spectator (tenant_id, postal_code) VALUES ($1, '69001') RETURNING id::text`, [a.tenantId]);
      await app.query("COMMIT");
      const buyer = rows[0]!.id;
      // The order first: the delete waits for the order's transaction, then refuses.
      await begin(app);
      const { rows: placed } = await insertOrder(app, a, buyer).then(() => app.query<{ id: string }>(`SELECT id::text FROM ticket_order WHERE spectator_id = $1`, [buyer]));
      await begin(other);
      const deleting = other.query(`DELETE FROM spectator WHERE id = $1`, [buyer]).then(() => null, (e: unknown) => e);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await app.query("COMMIT");
      expect(await deleting).toMatchObject({ code: "23503", constraint: BUYER_KEY });
      await other.query("ROLLBACK");

      // The delete first (once the order is gone): the order waits for the delete's transaction, then is refused.
      await begin(app);
      await app.query(`DELETE FROM ticket_order WHERE id = $1`, [placed[0]!.id]);
      await app.query("COMMIT");
      await begin(other);
      await other.query(`DELETE FROM spectator WHERE id = $1`, [buyer]);
      await begin(app);
      const inserting = insertOrder(app, a, buyer).then(() => null, (e: unknown) => e);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await other.query("COMMIT");
      expect(await inserting).toMatchObject({ code: "23503", constraint: BUYER_KEY });
      await app.query("ROLLBACK");
    } finally {
      await other.end();
    }
  });

  it("lets the bulk loader find an order whose buyer is missing in a tenant's partition", async () => {
    const error = await attempt(owner, null, async (c) => {
      const { rows } = await c.query<{ part: string }>(`SELECT tenant_partition_name('ticket_order', $1::uuid) AS part`, [a.tenantId]);
      await c.query(
        `INSERT INTO tenant_partitions."${rows[0]!.part}" (tenant_id, reference, spectator_id, ordered_at, sales_channel, total_cents)
         VALUES ($1, 'ORPHAN', gen_random_uuid(), now(), 'web', 0)`,
        [a.tenantId],
      );
      await c.query(`SELECT ticket_check_tenant_references($1::uuid)`, [a.tenantId]);
    });
    expect(error).toMatchObject({ code: "23503", constraint: BUYER_KEY });
  });
});
