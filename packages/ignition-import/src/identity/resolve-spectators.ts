// Identity resolution against the tenant's existing spectators, for one batch's clusters (see
// clusters.ts for the rules). Each cluster gets a spectator id: an existing one when a key
// matches, else a new one. When a cluster shows that several existing records are the same person
// (one had only the phone, the other the e-mail and the phone), they are merged into the oldest
// strong match, with a merge record staff can undo. New spectators are sealed and inserted;
// existing ones only get their empty fields filled (an import never overwrites an identifier).
import type pg from "pg";
import { nameKey, type SpectatorIdentityCodec } from "@rappel/personal-data";
import { copyBytes, copyHexBytes, copyNumber, copyRows, copyText } from "../load/copy-text";
import { pgRunner } from "../sql-runner";
import { addSince, timed, type Profile } from "../profile";
import { ITEMS_BETWEEN_YIELDS, yieldToEventLoop } from "../yield-to-event-loop";
import { newId } from "../load/new-id";
import type { IdentityCluster, IdentityKeys } from "./clusters";
import { mergeSpectatorRows, type MergeResult, type MergeRule } from "./merge-spectators";

export interface SpectatorContact {
  email: string | null;
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
  postalCode: string | null;
  communeCode: string | null;
  country: string;
  streetAddress: string | null;
  birthYear: number | null;
  language: string | null;
}

/**
 * Last name + postal code is a weak key (two Martins in one district): it joins two records only
 * when their first names, where both are known, agree.
 */
export function sameFirstName(a: string | null, b: string | null): boolean {
  return a === null || b === null || nameKey(a) === nameKey(b);
}

export const compatibleContacts = (a: SpectatorContact, b: SpectatorContact) => sameFirstName(a.firstName, b.firstName);

export function fillContact(target: SpectatorContact, from: SpectatorContact): SpectatorContact {
  return {
    email: target.email ?? from.email,
    phone: target.phone ?? from.phone,
    firstName: target.firstName ?? from.firstName,
    lastName: target.lastName ?? from.lastName,
    postalCode: target.postalCode ?? from.postalCode,
    communeCode: target.communeCode ?? from.communeCode,
    country: target.postalCode ? target.country : from.postalCode ? from.country : target.country,
    streetAddress: target.streetAddress ?? from.streetAddress,
    birthYear: target.birthYear ?? from.birthYear,
    language: target.language ?? from.language,
  };
}

interface Existing {
  id: string;
  ref: string | null;
  email: string | null;
  phone: string | null;
  namePostal: string | null;
  createdAt: number;
  mergedInto: string | null;
  /**
   * Hex, decoded and opened only when needed: to tell apart two people sharing a last name and a
   * postal code (most batches never need it).
   */
  firstNameSealedHex: string | null;
  /** Contact fields the record does not have yet (an import may fill them), one bit each (fieldBit). */
  missing: number;
}

type ContactField = keyof SpectatorContact | "ref";

// Contact field → the spectator column that holds it (sealed or clear).
const FILLABLE_FIELDS: readonly [ContactField, string][] = [
  ["email", "email_enc"], ["phone", "phone_enc"], ["firstName", "first_name_enc"], ["lastName", "last_name_enc"],
  ["streetAddress", "street_address_enc"], ["postalCode", "postal_code"], ["communeCode", "commune_code"],
  ["birthYear", "birth_year"], ["ref", "external_ref"],
];
const FIELD_BITS = new Map(FILLABLE_FIELDS.map(([field], i) => [field, 1 << i]));
const fieldBit = (field: ContactField) => FIELD_BITS.get(field)!;

type Cluster = IdentityCluster<SpectatorContact>;

export interface SpectatorResolution {
  /** Spectator id per cluster. */
  ids: string[];
  merges: MergeResult[];
  created: number;
  updated: number;
}

async function findCandidates(client: pg.ClientBase, tenantId: string, clusters: readonly Cluster[]): Promise<Map<string, Existing>> {
  const keys = (pick: (k: IdentityKeys) => string | null) => [...new Set(clusters.map((c) => pick(c.keys)).filter((k): k is string => k !== null))];
  const bytes = (hex: string[]) => hex.map((h) => Buffer.from(h, "hex"));
  // Name + postal code is only looked up for clusters that have neither e-mail nor phone (see decideIdentities).
  const params = [
    tenantId,
    keys((k) => k.ref),
    bytes(keys((k) => k.email)),
    bytes(keys((k) => k.phone)),
    bytes(keys((k) => (k.email || k.phone ? null : k.namePostal))),
  ];
  // Columns the driver reads fast (a batch finds tens of thousands of records): the time as
  // milliseconds, the missing fields as bits and the sealed first name as hex text rather than a
  // Date, a text array and a bytea — half the driver's time per row, measured on 88,000 rows.
  const cols = `id::text, external_ref, encode(email_bidx, 'hex') AS email, encode(phone_bidx, 'hex') AS phone,
                encode(name_postal_bidx, 'hex') AS name_postal, floor(extract(epoch FROM created_at) * 1000)::float8 AS created_ms,
                encode(first_name_enc, 'hex') AS first_name_hex,
                (${FILLABLE_FIELDS.map(([, column], bit) => `CASE WHEN ${column} IS NULL THEN ${1 << bit} ELSE 0 END`).join(" | ")}) AS missing`;
  // One branch per key, each an index scan for its array of keys (`= ANY`): a join or an OR across
  // the keys would let the planner scan the tenant's whole partition. An empty array costs nothing.
  const branches = [
    params[1]!.length ? `SELECT ${cols} FROM spectator WHERE tenant_id = $1::uuid AND external_ref = ANY($2::text[])` : null,
    params[2]!.length ? `SELECT ${cols} FROM spectator WHERE tenant_id = $1::uuid AND email_bidx = ANY($3::bytea[])` : null,
    params[3]!.length ? `SELECT ${cols} FROM spectator WHERE tenant_id = $1::uuid AND phone_bidx = ANY($4::bytea[])` : null,
    params[4]!.length ? `SELECT ${cols} FROM spectator WHERE tenant_id = $1::uuid AND name_postal_bidx = ANY($5::bytea[])` : null,
  ].filter((b): b is string => b !== null);
  if (branches.length === 0) return new Map();
  // Every parameter is referenced (typed) even when its branch is left out. UNION ALL: a record
  // found by two keys comes twice and is kept once below (by id), which spares the database a
  // sort or hash of these wide rows.
  const { rows } = await client.query<{
    id: string; external_ref: string | null; email: string | null; phone: string | null; name_postal: string | null; created_ms: number; missing: number;
    first_name_hex: string | null;
  }>(
    `SELECT * FROM (${branches.join(" UNION ALL ")}) found WHERE $1::uuid IS NOT NULL AND cardinality($2::text[]) >= 0
        AND cardinality($3::bytea[]) >= 0 AND cardinality($4::bytea[]) >= 0 AND cardinality($5::bytea[]) >= 0`,
    params,
  );
  const found = new Map<string, Existing>();
  for (const r of rows) {
    found.set(r.id, {
      id: r.id, ref: r.external_ref, email: r.email, phone: r.phone, namePostal: r.name_postal, createdAt: r.created_ms,
      mergedInto: null, missing: r.missing, firstNameSealedHex: r.first_name_hex,
    });
  }
  return found;
}

const conflicts = (a: string | null, b: string | null) => a !== null && b !== null && a !== b;

/** Decides each cluster's spectator and the merges, in file order (deterministic). */
export function decideIdentities(
  clusters: readonly Cluster[],
  existing: Map<string, Existing>,
  openFirstName: (sealed: Uint8Array) => string | null,
): { ids: string[]; isNew: boolean[]; merges: { survivorId: string; mergedId: string; rule: MergeRule }[] } {
  const index = (pick: (e: Existing) => string | null) => {
    const map = new Map<string, Existing[]>();
    for (const e of existing.values()) {
      const k = pick(e);
      if (k === null) continue;
      const list = map.get(k);
      if (list) list.push(e);
      else map.set(k, [e]);
    }
    for (const list of map.values()) list.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
    return map;
  };
  const byRef = index((e) => e.ref);
  const byEmail = index((e) => e.email);
  const byPhone = index((e) => e.phone);
  const byNamePostal = index((e) => e.namePostal);
  const firstNames = new Map<Existing, string | null>();
  const firstNameOf = (e: Existing): string | null => {
    if (!e.firstNameSealedHex) return null;
    let name = firstNames.get(e);
    if (name === undefined) firstNames.set(e, (name = openFirstName(Buffer.from(e.firstNameSealedHex, "hex"))));
    return name;
  };
  const root = (e: Existing): Existing => {
    while (e.mergedInto) e = existing.get(e.mergedInto)!;
    return e;
  };

  const ids: string[] = [];
  const isNew: boolean[] = [];
  const merges: { survivorId: string; mergedId: string; rule: MergeRule }[] = [];
  for (const c of clusters) {
    const k = c.keys;
    const candidates: { e: Existing; rule: MergeRule }[] = [];
    const add = (list: Existing[] | undefined, rule: MergeRule, ok: (e: Existing) => boolean) => {
      for (const e of list ?? []) {
        const r = root(e);
        if (ok(r) && !candidates.some((x) => x.e === r)) candidates.push({ e: r, rule });
      }
    };
    if (k.ref) add(byRef.get(k.ref), "same_reference", () => true);
    if (k.email) add(byEmail.get(k.email), "same_email", (e) => !conflicts(e.ref, k.ref));
    if (k.phone) add(byPhone.get(k.phone), "same_phone", (e) => !conflicts(e.email, k.email) && !conflicts(e.ref, k.ref));
    // Name + postal code only speaks for rows that give neither an e-mail nor a phone: used beside
    // stronger keys it would merge namesakes of one district (one with only an e-mail, the other
    // with only a phone).
    if (k.namePostal && !k.email && !k.phone) {
      add(
        byNamePostal.get(k.namePostal),
        "same_name_postal",
        (e) => !conflicts(e.email, k.email) && !conflicts(e.phone, k.phone) && !conflicts(e.ref, k.ref) && sameFirstName(firstNameOf(e), c.contact.firstName),
      );
    }
    const survivor = candidates[0]?.e;
    if (!survivor) {
      ids.push(newId());
      isNew.push(true);
      continue;
    }
    // The survivor's keys, completed by the cluster and by each record merged into it: a later
    // candidate must agree with all of them.
    const effective = { ref: survivor.ref ?? k.ref, email: survivor.email ?? k.email, phone: survivor.phone ?? k.phone };
    for (const { e, rule } of candidates.slice(1)) {
      if (conflicts(e.email, effective.email) || conflicts(e.ref, effective.ref)) continue;
      if (rule === "same_name_postal" && (conflicts(e.phone, effective.phone) || !sameFirstName(firstNameOf(e), firstNameOf(survivor) ?? c.contact.firstName))) continue;
      merges.push({ survivorId: survivor.id, mergedId: e.id, rule });
      e.mergedInto = survivor.id;
      effective.email ??= e.email;
      effective.phone ??= e.phone;
      effective.ref ??= e.ref;
    }
    survivor.ref = effective.ref;
    survivor.email = effective.email;
    survivor.phone = effective.phone;
    survivor.namePostal ??= k.namePostal;
    ids.push(survivor.id);
    isNew.push(false);
  }
  return { ids, isNew, merges };
}

const STAGE_COLUMNS = [
  "id", "is_new", "email_enc", "email_bidx", "phone_enc", "phone_bidx", "first_name_enc", "last_name_enc", "name_postal_bidx",
  "street_address_enc", "postal_code", "commune_code", "country", "birth_year", "language", "external_ref",
] as const;

/** Resolves, merges and writes the batch's spectators; returns each cluster's spectator id. */
export async function resolveSpectators(
  client: pg.ClientBase,
  tenantId: string,
  clusters: readonly Cluster[],
  codec: SpectatorIdentityCodec,
  options: {
    profile?: Profile;
    /** The import whose rows are resolved (kept on the merges it makes). */
    importId?: string | null;
    /**
     * Awaited before any merge: a merge moves the merged records' tickets and orders, so the
     * import's previous batch, written on another connection, must have committed its own.
     */
    beforeMerging?: () => Promise<void>;
  } = {},
): Promise<SpectatorResolution> {
  const { profile, importId = null } = options;
  if (clusters.length === 0) return { ids: [], merges: [], created: 0, updated: 0 };
  const existing = await timed(profile, "spectators.candidates", () => findCandidates(client, tenantId, clusters));
  const td = performance.now();
  const decision = decideIdentities(clusters, existing, (sealed) => codec.openField("firstName", sealed));
  addSince(profile, "spectators.decide", td);
  const sql = pgRunner(client);
  const merges: MergeResult[] = [];
  if (decision.merges.length > 0) await options.beforeMerging?.();
  await timed(profile, "spectators.merges", async () => {
    for (const m of decision.merges) merges.push(await mergeSpectatorRows(sql, tenantId, { ...m, mergedById: null, importId }));
  });

  await client.query(
    // Session-private and emptied at every commit or rollback: created once per connection.
    // (Emptied first too, should a transaction ever resolve twice: free when already empty.)
    `CREATE TEMP TABLE IF NOT EXISTS stage_spectator (id uuid, is_new boolean, email_enc bytea, email_bidx bytea, phone_enc bytea, phone_bidx bytea,
       first_name_enc bytea, last_name_enc bytea, name_postal_bidx bytea, street_address_enc bytea, postal_code text,
       commune_code text, country text, birth_year int, language text, external_ref text) ON COMMIT DELETE ROWS;
     DELETE FROM stage_spectator`,
  );
  // Several clusters can land on one existing spectator: stage it once (first cluster wins).
  const staged = new Set<string>();
  const rows: string[][] = [];
  for (let i = 0; i < clusters.length; i++) {
    if (i > 0 && i % ITEMS_BETWEEN_YIELDS === 0) await yieldToEventLoop();
    const c = clusters[i]!;
    const id = decision.ids[i]!;
    if (staged.has(id)) continue;
    staged.add(id);
    const isNew = decision.isNew[i]!;
    // An existing spectator only takes what it lacks: seal nothing else (sealing is the costly part).
    const missing = isNew ? null : existing.get(id)?.missing;
    const wants = (field: ContactField, value: unknown) =>
      value !== null && value !== undefined && (missing === null || missing === undefined || (missing & fieldBit(field)) !== 0);
    const contact = c.contact;
    if (!isNew && !FILLABLE_FIELDS.some(([field]) => wants(field, field === "ref" ? c.keys.ref : contact[field as keyof SpectatorContact]))) continue;
    const s = codec.sealIdentity({
      email: wants("email", contact.email) ? contact.email : null,
      phone: wants("phone", contact.phone) ? contact.phone : null,
      firstName: wants("firstName", contact.firstName) ? contact.firstName : null,
      lastName: wants("lastName", contact.lastName) ? contact.lastName : null,
      streetAddress: wants("streetAddress", contact.streetAddress) ? contact.streetAddress : null,
    });
    rows.push([
      id, isNew ? "t" : "f", copyBytes(s.emailEnc), copyHexBytes(s.emailEnc ? c.keys.email : null), copyBytes(s.phoneEnc),
      copyHexBytes(s.phoneEnc ? c.keys.phone : null), copyBytes(s.firstNameEnc), copyBytes(s.lastNameEnc), copyHexBytes(c.keys.namePostal),
      copyBytes(s.streetAddressEnc), copyText(contact.postalCode), copyText(contact.communeCode), copyText(contact.country),
      copyNumber(contact.birthYear), copyText(contact.language), copyText(c.keys.ref),
    ]);
  }
  await timed(profile, "spectators.copy", () => copyRows(client, "stage_spectator", STAGE_COLUMNS, rows));
  // A person who was erased (or objected) is in the suppression list by keyed hash: an import
  // must not bring them back. Their rows keep the tickets but lose every identifier.
  await timed(profile, "spectators.suppression", () => client.query(
    `UPDATE stage_spectator s SET email_enc = NULL, email_bidx = NULL, phone_enc = NULL, phone_bidx = NULL, first_name_enc = NULL,
            last_name_enc = NULL, name_postal_bidx = NULL, street_address_enc = NULL
      WHERE EXISTS (SELECT 1 FROM suppression_entry e
                     WHERE e.tenant_id = $1::uuid AND e.reason = 'erasure' AND (e.hash = s.email_bidx OR e.hash = s.phone_bidx))`,
    [tenantId],
  ));
  const created = await timed(profile, "spectators.insert", () => client.query(
    `INSERT INTO spectator (tenant_id, id, email_enc, email_bidx, phone_enc, phone_bidx, first_name_enc, last_name_enc, name_postal_bidx,
                            street_address_enc, postal_code, commune_code, country, birth_year, language, external_ref)
     SELECT $1::uuid, id, email_enc, email_bidx, phone_enc, phone_bidx, first_name_enc, last_name_enc, name_postal_bidx,
            street_address_enc, postal_code, commune_code, coalesce(country, 'FR'), birth_year, coalesce(language, 'fr'), external_ref
       FROM stage_spectator WHERE is_new`,
    [tenantId],
  ));
  // Fill empty fields only; the WHERE keeps unchanged spectators from being rewritten.
  const fill = ["email_enc", "email_bidx", "phone_enc", "phone_bidx", "first_name_enc", "last_name_enc", "name_postal_bidx", "street_address_enc", "postal_code", "commune_code", "birth_year", "external_ref"];
  const updated = await timed(profile, "spectators.fill", () => client.query(
    `UPDATE spectator sp SET ${fill.map((c) => `${c} = coalesce(sp.${c}, s.${c})`).join(", ")},
            country = CASE WHEN sp.postal_code IS NULL AND s.postal_code IS NOT NULL THEN coalesce(s.country, sp.country) ELSE sp.country END,
            updated_at = now()
       FROM stage_spectator s
      WHERE sp.tenant_id = $1::uuid AND sp.id = s.id AND NOT s.is_new
        AND (${fill.map((c) => `(sp.${c} IS NULL AND s.${c} IS NOT NULL)`).join(" OR ")})`,
    [tenantId],
  ));
  return { ids: decision.ids, merges, created: created.rowCount ?? 0, updated: updated.rowCount ?? 0 };
}
