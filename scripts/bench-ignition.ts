// `pnpm bench:ignition`: Ignition's two speed targets in one report (DESIGN.md §4).
//   1. import of a 1,000,000-row tickets CSV end to end, against a raw COPY of the same file
//      (packages/ignition-import, `bench`);
//   2. the dashboard overview on a tenant with 1,000,000 tickets, p50/p95 over 50 requests
//      (packages/ignition-analytics, `bench`).
// Each prints its figures as a JSON last line; this prints both, then one merged JSON object.
import { spawnSync } from "node:child_process";

function runBench(filter: string): Record<string, unknown> {
  const result = spawnSync("pnpm", ["--silent", "--filter", filter, "bench"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 * 1024 * 1024,
  });
  process.stdout.write(result.stdout);
  const last = result.stdout.trim().split("\n").pop() ?? "";
  if (result.status !== 0 || !last.startsWith("{")) {
    throw new Error(`${filter} bench failed (exit ${result.status}); see its output above`);
  }
  return JSON.parse(last) as Record<string, unknown>;
}

const imported = runBench("@rappel/ignition-import");
const overview = runBench("@rappel/ignition-analytics");
console.log(
  JSON.stringify({
    import_rows_per_s: imported.import_rows_per_s,
    import_vs_copy_ratio: imported.import_vs_copy_ratio,
    import_peak_rss_mb: imported.import_peak_rss_mb,
    overview_p50_ms: overview.overview_p50_ms,
    overview_p95_ms: overview.overview_p95_ms,
    import: imported,
    overview,
  }),
);
