"use server";
// Saving a venue (data.imports.manage): capacity and place. Refusals come back per field; the
// save is audited (it changes every fill rate and distance of the venue).
import { z } from "zod";
import { appendAuditEntry, withTenant } from "@rappel/db";
import { updateVenue, VenueError, ZVenueUpdate } from "@rappel/ignition-import";
import { getDb } from "@/server/db";
import { requireTenantPermission } from "@/server/guard";
import type { VenueErrorCode, VenueField, VenueFormState } from "./types";

const ZRef = z.object({ tenantSlug: z.string().min(1).max(100), venueId: z.uuid() });
const FIELDS: VenueField[] = ["capacity", "postalCode", "city", "address", "latitude", "longitude"];

function fieldErrors(error: z.ZodError): Partial<Record<VenueField, VenueErrorCode>> {
  const errors: Partial<Record<VenueField, VenueErrorCode>> = {};
  for (const issue of error.issues) {
    const field = issue.path[0] as VenueField;
    if (!FIELDS.includes(field) || errors[field]) continue;
    errors[field] =
      issue.message === "coordinates_pair" ? "coordinates_pair"
      : issue.message === "postal_code_format" ? "postal_code_format"
      : field === "capacity" ? "capacity_invalid"
      : field === "latitude" || field === "longitude" ? "coordinates_range"
      : "too_long";
  }
  return errors;
}

export async function updateVenueAction(_previous: VenueFormState, formData: FormData): Promise<VenueFormState> {
  const ref = ZRef.parse({ tenantSlug: formData.get("tenantSlug"), venueId: formData.get("venueId") });
  const { user, tenant } = await requireTenantPermission(ref.tenantSlug, "data.imports.manage");
  const values = Object.fromEntries(FIELDS.map((f) => [f, String(formData.get(f) ?? "")])) as Record<VenueField, string>;
  const input = { ...values, applyToPerformances: formData.get("applyToPerformances") === "on" };
  const parsed = ZVenueUpdate.safeParse(input);
  if (!parsed.success) return { status: "invalid", errors: fieldErrors(parsed.error), values };
  try {
    const result = await withTenant(
      getDb(),
      tenant.tenantId,
      async (tx) => {
        const saved = await updateVenue(tx, tenant.tenantId, ref.venueId, input);
        await appendAuditEntry(tx, tenant.tenantId, {
          actorUserId: user.id,
          actorKind: "staff",
          action: "venue.update",
          targetType: "venue",
          targetId: ref.venueId,
          details: { capacity: saved.venue.capacity, communeCode: saved.venue.communeCode, performancesUpdated: saved.performancesUpdated },
        });
        return saved;
      },
      { userId: user.id, timeoutMs: 120_000 },
    );
    return {
      status: "saved",
      performancesUpdated: result.performancesUpdated,
      latitude: result.venue.latitude,
      longitude: result.venue.longitude,
      communeCode: result.venue.communeCode,
    };
  } catch (error) {
    if (error instanceof VenueError && error.code === "venue.postal_code_unknown") return { status: "invalid", errors: { postalCode: "postal_code_unknown" }, values };
    throw error;
  }
}
