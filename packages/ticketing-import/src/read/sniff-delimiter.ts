// Delimiter sniffing on the first lines of a CSV file: comma, semicolon or tab. French Excel
// writes ";" (the comma is the decimal separator), English tools ",", "Unicode text" exports tab.

export type Delimiter = "," | ";" | "\t";
const CANDIDATES: readonly Delimiter[] = [";", ",", "\t"];

/**
 * Counts each candidate outside quoted fields, record by record (a quoted newline does not end
 * a record), and picks the one that appears in the header and most consistently after it, then
 * the most frequent. A file with one column and none of them falls back to ";" (harmless: no
 * splitting happens either way).
 */
export function sniffDelimiter(sample: string, maxRecords = 20): Delimiter {
  const counts = countPerRecord(sample, maxRecords);
  let best: { delimiter: Delimiter; score: number; perRecord: number } | null = null;
  for (const delimiter of CANDIDATES) {
    const perRecord = counts.map((c) => c[delimiter]);
    const header = perRecord[0] ?? 0;
    if (header === 0) continue;
    const rest = perRecord.slice(1);
    const consistent = rest.length === 0 ? 1 : rest.filter((n) => n === header).length / rest.length;
    const score = consistent * 1000 + header;
    if (!best || score > best.score) best = { delimiter, score, perRecord: header };
  }
  return best?.delimiter ?? ";";
}

function countPerRecord(sample: string, maxRecords: number): Record<Delimiter, number>[] {
  const records: Record<Delimiter, number>[] = [];
  let current = { ",": 0, ";": 0, "\t": 0 };
  let inQuotes = false;
  let blank = true;
  for (let i = 0; i < sample.length && records.length < maxRecords; i++) {
    const ch = sample[i];
    if (ch === '"') {
      // A doubled quote inside quotes is an escaped quote: toggling twice leaves the state.
      inQuotes = !inQuotes;
      blank = false;
    } else if (!inQuotes && (ch === "\n" || ch === "\r")) {
      if (!blank) records.push(current);
      current = { ",": 0, ";": 0, "\t": 0 };
      blank = true;
    } else if (!inQuotes && (ch === "," || ch === ";" || ch === "\t")) {
      current[ch]++;
      blank = false;
    } else if (ch !== " ") {
      blank = false;
    }
  }
  // The last record of a sample may be cut mid-way: only count it if the sample is the whole file.
  if (!blank && records.length === 0) records.push(current);
  return records;
}
