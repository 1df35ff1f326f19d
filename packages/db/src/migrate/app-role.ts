// The application's login role comes from DATABASE_URL. It must be a separate role from the
// owner: a member of rappel_app_access (granted in the migrations), not a superuser, unable to
// bypass RLS and owning nothing; otherwise row-level security would not hold.
import pg from "pg";

export function roleFromUrl(url: string): { user: string; password: string | undefined; database: string } {
  const parsed = new URL(url);
  return {
    user: decodeURIComponent(parsed.username),
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    database: decodeURIComponent(parsed.pathname.replace(/^\//, "")),
  };
}

export async function ensureAppRole(owner: pg.Client, appUrl: string, log: (line: string) => void): Promise<void> {
  const { user, password, database } = roleFromUrl(appUrl);
  const current = await owner.query<{ current_user: string }>("SELECT current_user");
  if (current.rows[0]?.current_user === user) {
    log(
      `DATABASE_URL and the migration connection use the same role (${user}); ` +
        "the application will refuse to start as a table owner. Set MIGRATION_DATABASE_URL to the owner's URL and DATABASE_URL to a separate role.",
    );
    return;
  }
  const existing = await owner.query<{ rolsuper: boolean; rolbypassrls: boolean }>(
    "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1",
    [user],
  );
  const quotedUser = pg.escapeIdentifier(user);
  if (existing.rowCount === 0) {
    log(`creating application role ${user}`);
    const pw = password ? ` PASSWORD ${pg.escapeLiteral(password)}` : "";
    await owner.query(`CREATE ROLE ${quotedUser} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE INHERIT${pw}`);
  } else if (existing.rows[0]?.rolsuper || existing.rows[0]?.rolbypassrls) {
    throw new Error(`the application role ${user} is a superuser or may bypass row-level security; use a plain role`);
  }
  await owner.query(`GRANT rappel_app_access TO ${quotedUser}`);
  await owner.query(`GRANT CONNECT ON DATABASE ${pg.escapeIdentifier(database)} TO ${quotedUser}`);
}

/** Checked at application start-up: the connected role must not be able to escape RLS. */
export async function assertSafeAppRole(appUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: appUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ rolsuper: boolean; rolbypassrls: boolean; owned: number }>(
      `SELECT r.rolsuper, r.rolbypassrls,
              (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid AND c.relkind IN ('r','p')
                 AND c.relnamespace = 'public'::regnamespace) AS owned
         FROM pg_roles r WHERE r.rolname = current_user`,
    );
    const role = rows[0];
    if (!role || role.rolsuper || role.rolbypassrls || role.owned > 0) {
      throw new Error(
        "DATABASE_URL connects as a role that is a superuser, bypasses RLS or owns tables; " +
          "the application must connect as its own plain role (see README, Configuration)",
      );
    }
  } finally {
    await client.end();
  }
}
