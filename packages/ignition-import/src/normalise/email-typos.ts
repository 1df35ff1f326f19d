// Likely typos in the domains French spectators use most. Flagged as a warning, never corrected:
// "gmail.fr" may be a real (if unusual) address, and changing someone's address silently would
// send their mail to a stranger. The list is short on purpose: a typo is a domain one or two
// keystrokes away from a very common one, or a known confusion (gmail.fr, hotmail.fe…).
const COMMON_DOMAINS = [
  "gmail.com", "yahoo.fr", "yahoo.com", "hotmail.fr", "hotmail.com", "outlook.fr", "outlook.com", "live.fr", "live.com",
  "orange.fr", "wanadoo.fr", "free.fr", "sfr.fr", "laposte.net", "neuf.fr", "bbox.fr", "icloud.com", "me.com", "aol.com",
  "club-internet.fr", "numericable.fr", "msn.com", "protonmail.com", "proton.me", "gmx.fr", "googlemail.com",
] as const;

const KNOWN = new Set<string>(COMMON_DOMAINS);

// Confusions that are not small edits of the right domain but are frequent.
const KNOWN_CONFUSIONS: Record<string, string> = {
  "gmail.fr": "gmail.com",
  "gmail.co": "gmail.com",
  "gmail.con": "gmail.com",
  "hotmail.co": "hotmail.com",
  "laposte.fr": "laposte.net",
  "yahoo.co": "yahoo.com",
  "orange.com": "orange.fr",
  "wanadoo.com": "wanadoo.fr",
  "free.com": "free.fr",
};

/** Optimal string alignment distance (Damerau–Levenshtein with adjacent swaps), capped. */
function editDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
      best = Math.min(best, d);
    }
    if (best > cap) return cap + 1;
  }
  return rows[a.length]![b.length]!;
}

const memo = new Map<string, string | null>();

/**
 * The common domain an address's domain is probably a typo of, or null when it looks fine (a
 * known domain, or nothing close to one). `email` is the lower-cased address.
 */
export function suspectedDomainTypo(email: string): string | null {
  const at = email.lastIndexOf("@");
  if (at < 0) return null;
  const domain = email.slice(at + 1);
  const cached = memo.get(domain);
  if (cached !== undefined) return cached;
  let suggestion: string | null = null;
  if (!KNOWN.has(domain)) {
    suggestion = KNOWN_CONFUSIONS[domain] ?? null;
    if (!suggestion) {
      // One edit for short domains, two for longer ones: "gmial.com", "hotmial.fr", "yahooo.fr".
      for (const known of COMMON_DOMAINS) {
        const cap = known.length >= 9 ? 2 : 1;
        if (editDistance(domain, known, cap) <= cap) {
          suggestion = known;
          break;
        }
      }
    }
  }
  if (memo.size > 50_000) memo.clear();
  memo.set(domain, suggestion);
  return suggestion;
}
