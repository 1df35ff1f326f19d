// Identity resolution inside one batch of rows, before the database is asked: rows that are the
// same person are grouped, so each person is looked up, sealed and written once.
//
// The rules, in order of strength: same source reference (a spectators file's customer number);
// same e-mail; else same phone; else same last name + postal code. A weaker key never joins two
// people a stronger key tells apart: two different e-mail addresses are two people even when they
// share a phone (a household landline) — so a phone joins a row without an e-mail to a group, and
// a name + postal code joins a row with neither.

/** The keys of one row (blind indexes as hex, never clear identifiers). */
export interface IdentityKeys {
  ref: string | null;
  email: string | null;
  phone: string | null;
  namePostal: string | null;
}

export interface IdentityCluster<C> {
  keys: IdentityKeys;
  /** The contact of the cluster's first row, its empty fields filled from the following rows. */
  contact: C;
  /** Index of the cluster's first row in the batch (clusters come in that order). */
  firstRow: number;
}

const AMBIGUOUS = -1;

function register(index: Map<string, number>, key: string | null, cluster: number): void {
  if (key === null) return;
  const current = index.get(key);
  if (current === undefined) index.set(key, cluster);
  else if (current !== cluster) index.set(key, AMBIGUOUS);
}

function lookup(index: Map<string, number>, key: string | null): number | undefined {
  if (key === null) return undefined;
  const c = index.get(key);
  return c === undefined || c === AMBIGUOUS ? undefined : c;
}

/**
 * Groups rows into clusters. `rowCluster[i]` is row i's cluster, or -1 when the row names no one.
 * `fill(target, from)` completes a cluster's contact with a later row's (empty fields only).
 */
export function clusterIdentities<C>(
  rows: readonly ({ keys: IdentityKeys; contact: C } | null)[],
  fill: (target: C, from: C) => C,
  /** For the weakest key (name + postal code): may these two contacts be one person? */
  compatible: (a: C, b: C) => boolean = () => true,
): { clusters: IdentityCluster<C>[]; rowCluster: Int32Array } {
  const clusters: IdentityCluster<C>[] = [];
  const rowCluster = new Int32Array(rows.length).fill(-1);
  const byRef = new Map<string, number>();
  const byEmail = new Map<string, number>();
  const byPhone = new Map<string, number>();
  // Several people can share a last name and a postal code: all their groups are kept.
  const byNamePostal = new Map<string, number[]>();

  const join = (i: number, c: number | undefined): void => {
    const row = rows[i]!;
    if (c === undefined) {
      c = clusters.length;
      clusters.push({ keys: { ...row.keys }, contact: row.contact, firstRow: i });
    } else {
      const cluster = clusters[c]!;
      cluster.contact = fill(cluster.contact, row.contact);
      cluster.keys.ref ??= row.keys.ref;
      cluster.keys.email ??= row.keys.email;
      cluster.keys.phone ??= row.keys.phone;
      cluster.keys.namePostal ??= row.keys.namePostal;
      if (i < cluster.firstRow) cluster.firstRow = i;
    }
    rowCluster[i] = c;
    const k = clusters[c]!.keys;
    if (k.ref !== null) byRef.set(k.ref, c);
    if (k.email !== null && !byEmail.has(k.email)) byEmail.set(k.email, c);
    register(byPhone, row.keys.phone, c);
    if (row.keys.namePostal !== null) {
      const list = byNamePostal.get(row.keys.namePostal);
      if (!list) byNamePostal.set(row.keys.namePostal, [c]);
      else if (!list.includes(c)) list.push(c);
    }
  };

  // Strongest key first, so weaker keys attach to groups the stronger ones already formed.
  rows.forEach((row, i) => {
    if (row?.keys.ref) join(i, byRef.get(row.keys.ref));
  });
  rows.forEach((row, i) => {
    if (row && !row.keys.ref && row.keys.email) join(i, byEmail.get(row.keys.email));
  });
  rows.forEach((row, i) => {
    if (row && !row.keys.ref && !row.keys.email && row.keys.phone) join(i, lookup(byPhone, row.keys.phone));
  });
  rows.forEach((row, i) => {
    if (row && !row.keys.ref && !row.keys.email && !row.keys.phone && row.keys.namePostal) {
      // Joined only when exactly one group with that key can be the same person.
      const fits = (byNamePostal.get(row.keys.namePostal) ?? []).filter((c) => compatible(clusters[c]!.contact, row.contact));
      join(i, fits.length === 1 ? fits[0] : undefined);
    }
  });
  // Keep clusters in file order, so the same file always resolves the same way.
  const order = clusters.map((_, c) => c).sort((a, b) => clusters[a]!.firstRow - clusters[b]!.firstRow);
  const renumber = new Int32Array(clusters.length);
  order.forEach((c, n) => (renumber[c] = n));
  for (let i = 0; i < rowCluster.length; i++) if (rowCluster[i]! >= 0) rowCluster[i] = renumber[rowCluster[i]!]!;
  return { clusters: order.map((c) => clusters[c]!), rowCluster };
}
