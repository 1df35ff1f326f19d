// The high-volume tables' COPY rows: spectators (identifiers sealed by the tenant's codec, never
// in clear) with their consents, then orders with their tickets.
import type { SpectatorIdentityCodec } from "@rappel/personal-data";
import type { CopyLoader, CopyTable } from "./copy-loader";
import { copyBytes, copyText } from "./copy-loader";
import { SalesGenerator, isComplimentary } from "./sales";
import type { TenantPlan } from "./schedule";
import { SpectatorBase, generateSpectators } from "./spectators";

export const SPECTATOR_TABLES: readonly CopyTable[] = [
  {
    name: "spectator",
    columns: [
      "tenant_id",
      "id",
      "email_enc",
      "email_bidx",
      "phone_enc",
      "phone_bidx",
      "first_name_enc",
      "last_name_enc",
      "name_postal_bidx",
      "street_address_enc",
      "postal_code",
      "commune_code",
      "country",
      "birth_year",
      "language",
      "external_ref",
      "created_at",
      "updated_at",
    ],
  },
  {
    name: "consent",
    columns: ["tenant_id", "spectator_id", "channel", "status", "source", "recorded_at"],
  },
];

export const SALES_TABLES: readonly CopyTable[] = [
  {
    name: "ticket_order",
    columns: [
      "tenant_id",
      "id",
      "reference",
      "spectator_id",
      "ordered_at",
      "sales_channel",
      "total_cents",
      "currency",
      "status",
      "created_at",
    ],
  },
  {
    name: "ticket",
    columns: [
      "tenant_id",
      "id",
      "reference",
      "order_id",
      "performance_id",
      "holder_id",
      "price_category",
      "price_cents",
      "currency",
      "sales_channel",
      "is_complimentary",
      "status",
      "issued_at",
    ],
  },
];

/** Parents before children: the order in which the loaded tables are attached. */
export const BULK_TABLES: readonly CopyTable[] = [...SPECTATOR_TABLES, ...SALES_TABLES];

const iso = (t: number): string => new Date(t).toISOString();

export async function copySpectators(
  loader: CopyLoader,
  tenantId: string,
  plan: TenantPlan,
  codec: SpectatorIdentityCodec,
  seed: number,
): Promise<void> {
  for (const s of generateSpectators(new SpectatorBase(plan, seed), seed)) {
    const sealed = codec.sealIdentity(s);
    const created = iso(s.createdAt);
    loader.push("spectator", [
      tenantId,
      s.id,
      copyBytes(sealed.emailEnc),
      copyBytes(sealed.emailBidx),
      copyBytes(sealed.phoneEnc),
      copyBytes(sealed.phoneBidx),
      copyBytes(sealed.firstNameEnc),
      copyBytes(sealed.lastNameEnc),
      copyBytes(sealed.namePostalBidx),
      copyBytes(sealed.streetAddressEnc),
      copyText(s.postalCode),
      copyText(s.communeCode),
      s.country,
      s.birthYear === null ? "\\N" : String(s.birthYear),
      s.language,
      copyText(s.externalRef),
      created,
      created,
    ]);
    for (const c of s.consents) {
      loader.push("consent", [
        tenantId,
        s.id,
        c.channel,
        c.status,
        copyText(c.source),
        iso(c.recordedAt),
      ]);
    }
    await loader.maybeFlush();
  }
  await loader.finish();
}

export async function copySales(
  loader: CopyLoader,
  tenantId: string,
  plan: TenantPlan,
  seed: number,
): Promise<void> {
  const sales = new SalesGenerator(plan, new SpectatorBase(plan, seed), seed);
  for (let p = 0; p < plan.performances.length; p++) {
    const performanceId = plan.performances[p]!.id;
    for (const o of sales.ordersOf(p)) {
      const at = iso(o.orderedAt);
      loader.push("ticket_order", [
        tenantId,
        o.id,
        o.reference,
        o.spectatorId ?? "\\N",
        at,
        o.channel,
        String(o.totalCents),
        "EUR",
        o.status,
        at,
      ]);
      for (const t of o.tickets) {
        loader.push("ticket", [
          tenantId,
          t.id,
          t.reference,
          o.id,
          performanceId,
          t.holderId ?? "\\N",
          copyText(t.priceCategory),
          String(t.priceCents),
          "EUR",
          o.channel,
          isComplimentary(t.priceCategory) ? "t" : "f",
          t.status,
          at,
        ]);
      }
      await loader.maybeFlush();
    }
  }
  await loader.finish();
}
