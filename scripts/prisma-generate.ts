// Runs `prisma generate`. Generation never executes the schema engine, but the CLI insists on
// finding its binary, which cannot be downloaded on machines without internet access: there,
// point PRISMA_SCHEMA_ENGINE_BINARY at a placeholder file. Machines that have the real engine
// keep it.
import { execFileSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const prismaCli = join(dirname(require.resolve("prisma/package.json")), "build", "index.js");

function findRealEngine(): string | undefined {
  const enginesDir = dirname(require.resolve("@prisma/engines/package.json", { paths: [dirname(prismaCli)] }));
  const candidates = ["schema-engine-debian-openssl-3.0.x", "schema-engine-linux-musl-openssl-3.0.x"];
  return candidates.map((c) => join(enginesDir, c)).find((p) => existsSync(p));
}

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY && !findRealEngine()) {
  const placeholder = join(tmpdir(), "prisma-schema-engine-placeholder");
  writeFileSync(placeholder, "#!/bin/sh\necho 'schema engine not available offline' >&2\nexit 1\n", { mode: 0o755 });
  env.PRISMA_SCHEMA_ENGINE_BINARY = placeholder;
}
execFileSync(process.execPath, [prismaCli, "generate"], { stdio: "inherit", env });
