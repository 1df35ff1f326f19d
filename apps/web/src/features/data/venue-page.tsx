// One venue's edit screen (data.imports.manage): imported venues have capacity 0 and no place,
// and fill rates and distances need both.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { withTenant } from "@rappel/db";
import { getVenue, VenueError } from "@rappel/ignition-import";
import { Card, PageHeader } from "@rappel/ui";
import { getDb } from "@/server/db";
import { requireTenantPermission } from "@/server/guard";
import { VenueForm } from "./components/venue-form";
import { DATA_PERMISSION } from "./lib/page-props";

interface VenuePageProps {
  params: Promise<{ tenantSlug: string; venueId: string }>;
}

export async function VenuePage({ params }: VenuePageProps) {
  const { tenantSlug, venueId } = await params;
  const { user, tenant } = await requireTenantPermission(tenantSlug, DATA_PERMISSION, `/t/${tenantSlug}/data/venues/${venueId}`);
  const [t, format] = await Promise.all([getTranslations("imports.venues"), getFormatter()]);
  const venue = await withTenant(getDb(), tenant.tenantId, (tx) => getVenue(tx, tenant.tenantId, venueId), { userId: user.id }).catch((error: unknown) => {
    if (error instanceof VenueError) notFound();
    throw error;
  });
  const text = (v: string | number | null) => (v === null ? "" : String(v));
  return (
    <>
      <nav aria-label={t("breadcrumb")} className="mb-3 text-sm">
        <a href={`/t/${tenant.slug}/data/venues`} className="text-indigo-800 underline underline-offset-2 hover:text-indigo-950 focus-visible:outline-2 focus-visible:outline-indigo-600">
          {t("title")}
        </a>
      </nav>
      <PageHeader eyebrow={tenant.name} title={venue.name} description={t("editDescription", { performances: format.number(venue.performances) })} />
      <Card className="max-w-2xl">
        <VenueForm
          tenantSlug={tenant.slug}
          venueId={venue.id}
          performances={venue.performances}
          initial={{
            capacity: text(venue.capacity),
            address: text(venue.address),
            postalCode: text(venue.postalCode),
            city: text(venue.city),
            latitude: text(venue.latitude),
            longitude: text(venue.longitude),
          }}
        />
      </Card>
    </>
  );
}

export async function venueMetadata({ params }: VenuePageProps): Promise<Metadata> {
  void params;
  const t = await getTranslations("imports.venues");
  return { title: t("editTitle") };
}
