import { loadEnv } from "@rappel/config";
import { assertSafeAppRole } from "@rappel/db";

export async function startServer(): Promise<void> {
  const env = loadEnv();
  // next-auth v4 reads its public URL from process.env itself; APP_URL (validated by
  // @rappel/config) is the one source of it.
  // eslint-disable-next-line no-restricted-properties -- written for next-auth, never read here
  process.env.NEXTAUTH_URL = env.APP_URL;
  // Refuse to serve as a role that could escape row-level security.
  await assertSafeAppRole(env.DATABASE_URL);
}
