// Parse benchmark: `pnpm --filter @rappel/ticketing-import bench [rows]`.
// Writes a generated French export (UTF-8, ";", French dates and amounts) to a temp file, then
// reads it back (a) parse only and (b) parse + map + validate as tickets, sampling RSS.
// The last line printed is one JSON object.
import { mkdtempSync, rmSync, statSync, createWriteStream } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { openImportFile } from "./read/open-import-file";
import { syntheticExport } from "./read/synthetic-export";
import { suggestMapping } from "./mapping/suggest-mapping";
import { parseColumnMapping } from "./mapping/column-mapping";
import { createRowValidator } from "./validate/row-validator";

const rows = Number(process.argv[2] ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), "rappel-bench-"));
const path = join(dir, "export.csv");

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

try {
  await pipeline(syntheticExport(rows), createWriteStream(path));
  const fileMb = mb(statSync(path).size);
  // What Node, tsx and the loaded modules take before any row is read.
  const baselineRss = process.memoryUsage().rss;

  peakRss = process.memoryUsage().rss;
  let t0 = performance.now();
  let read = 0;
  const file = await openImportFile(path);
  for await (const _row of file) read++;
  const parseSeconds = (performance.now() - t0) / 1000;
  const parsePeakRss = peakRss;

  peakRss = process.memoryUsage().rss;
  t0 = performance.now();
  const file2 = await openImportFile(path);
  const validate = createRowValidator(parseColumnMapping("tickets", suggestMapping("tickets", file2.headers).mapping));
  let accepted = 0;
  let rejected = 0;
  for await (const { raw } of file2) {
    if (validate(raw).ok) accepted++;
    else rejected++;
  }
  const validateSeconds = (performance.now() - t0) / 1000;

  console.log(
    JSON.stringify({
      rows: read,
      file_mb: fileMb,
      rows_per_s: Math.round(read / parseSeconds),
      peak_rss_mb: mb(parsePeakRss),
      baseline_rss_mb: mb(baselineRss),
      validated_rows_per_s: Math.round((accepted + rejected) / validateSeconds),
      validated_peak_rss_mb: mb(peakRss),
      accepted,
      rejected,
      node: process.version,
    }),
  );
} finally {
  clearInterval(sampler);
  rmSync(dir, { recursive: true, force: true });
}
