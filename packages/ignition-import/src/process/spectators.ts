// Spectators (customer) files: identity by the customer number first, then e-mail, phone, name +
// postal code (clusters.ts); identifiers sealed; e-mail, SMS and social-network advertising
// consents recorded with their source. Phone and postal-mail consents have no channel in the
// product yet: reported, not stored.
import type pg from "pg";
import type { SpectatorIdentityCodec } from "@rappel/personal-data";
import type { SpectatorRow } from "@rappel/ticketing-import";
import { clusterIdentities, type IdentityKeys } from "../identity/clusters";
import { compatibleContacts, fillContact, resolveSpectators, type SpectatorContact } from "../identity/resolve-spectators";
import { normaliseContact } from "../normalise/contact";
import { hasIdentity, KeyMaker, toSpectatorContact } from "./spectator-keys";
import type { Batch, BatchOutcome, KindProcessor } from "./types";

interface Prepared {
  line: number;
  person: { keys: IdentityKeys; contact: SpectatorContact };
  consents: Record<ImportedChannel, boolean | null>;
}

/** The consent channels a spectators file can record (Prisma's consent_channel values). */
const IMPORTED_CHANNELS = ["email", "sms", "social_ads"] as const;
type ImportedChannel = (typeof IMPORTED_CHANNELS)[number];

export function spectatorsProcessor(client: pg.ClientBase, tenantId: string, codec: SpectatorIdentityCodec, importId: string): KindProcessor<SpectatorRow, Prepared> {
  const keyMaker = new KeyMaker(codec);
  return {
    prepare(line, row, _raw, warnings) {
      const contact = normaliseContact(row, warnings);
      const keys = keyMaker.keys(contact, row.reference);
      for (const [field, value] of [["consentPhone", row.consentPhone], ["consentPost", row.consentPost]] as const) {
        if (value !== null) warnings.push({ code: "consent.unsupported", field, value: value ? "oui" : "non" });
      }
      if (!hasIdentity(keys)) return { reject: [{ code: "spectator.unidentified", field: "reference" }] };
      return {
        line,
        person: { keys, contact: toSpectatorContact(contact, { streetAddress: row.address, birthYear: row.birthYear, language: row.language }) },
        consents: { email: row.consentEmail, sms: row.consentSms, social_ads: row.consentSocialAds },
      };
    },

    // Spectators only: everything in the first transaction.
    async resolve(batch: Batch<Prepared>, _seal, previousWritten): Promise<BatchOutcome> {
      const { clusters, rowCluster } = clusterIdentities(batch.rows.map((r) => r.person), fillContact, compatibleContacts);
      const resolved = await resolveSpectators(client, tenantId, clusters, codec, { importId, beforeMerging: previousWritten });
      // The last line about a person decides their consent for each channel.
      const consents = new Map<string, { spectatorId: string; channel: ImportedChannel; granted: boolean }>();
      batch.rows.forEach((row, i) => {
        const spectatorId = resolved.ids[rowCluster[i]!]!;
        for (const channel of IMPORTED_CHANNELS) {
          const value = row.consents[channel];
          if (value !== null) consents.set(`${spectatorId}|${channel}`, { spectatorId, channel, granted: value });
        }
      });
      if (consents.size > 0) {
        // Only a change of decision is written: re-importing the same file keeps the original time.
        await client.query(
          `INSERT INTO consent AS c (tenant_id, spectator_id, channel, status, source, recorded_at)
           SELECT $1::uuid, x.spectator_id, x.channel::consent_channel, x.status::consent_status, $2, now()
             FROM jsonb_to_recordset($3::jsonb) AS x(spectator_id uuid, channel text, status text)
           ON CONFLICT (tenant_id, spectator_id, channel) DO UPDATE
              SET status = EXCLUDED.status, source = EXCLUDED.source, recorded_at = EXCLUDED.recorded_at
            WHERE c.status <> EXCLUDED.status`,
          [tenantId, `import:${importId}`, JSON.stringify([...consents.values()].map((c) => ({ spectator_id: c.spectatorId, channel: c.channel, status: c.granted ? "granted" : "withdrawn" })))],
        );
      }
      const performanceIds = new Set<string>();
      for (const m of resolved.merges) for (const p of m.performanceIds) performanceIds.add(p);
      return { accepted: batch.rows.length, rejected: [], performanceIds, merges: resolved.merges.length, spectatorsCreated: resolved.created };
    },

    write: async (outcome) => outcome,
  };
}
