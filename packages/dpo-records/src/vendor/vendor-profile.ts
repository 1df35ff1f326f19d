// The vendor's identity (legal name, address, SIREN, representative, DPO contact, hosting…) as it
// appears in the registers, their exports and the breach notifications. Stored as a versioned
// platform document (kind "vendor_profile", seeded by the migration) that the DPO edits.
import { z } from "zod";
import type { FieldDescriptor } from "../registers/schemas";

const text = (max: number) => z.string().trim().max(max);

export const ZVendorProfile = z.object({
  legalName: text(200).min(1, "Give the vendor's legal name."),
  address: text(500).min(1, "Give the vendor's registered address."),
  // Nine digits (spaces allowed when typed); empty until the DPO fills it in.
  siren: z
    .string()
    .transform((v) => v.replace(/\s+/g, ""))
    .pipe(z.string().regex(/^(\d{9})?$/, "The SIREN number has 9 digits.")),
  representative: text(300),
  dpoContact: text(500).min(1, "Give the DPO's contact (name, e-mail or address)."),
  hosting: text(500).min(1, "Say where the data is hosted."),
  software: z.array(z.string().trim().min(1).max(200)).max(50),
});
export type TVendorProfile = z.infer<typeof ZVendorProfile>;

export const VENDOR_FIELDS: FieldDescriptor[] = [
  { key: "legalName", kind: "text" },
  { key: "address", kind: "textarea" },
  { key: "siren", kind: "text" },
  { key: "representative", kind: "text" },
  { key: "dpoContact", kind: "textarea" },
  { key: "hosting", kind: "textarea" },
  { key: "software", kind: "list" },
];

/** "Rappel SAS (SIREN 123 456 789), 12 rue …": how registers and notices name the vendor. */
export function vendorIdentity(vendor: TVendorProfile): string {
  const siren = vendor.siren ? ` (SIREN ${vendor.siren.replace(/(\d{3})(\d{3})(\d{3})/, "$1 $2 $3")})` : "";
  return `${vendor.legalName}${siren}, ${vendor.address}`;
}

/** The values the migration seeds (and that the code hard-wired before the profile was editable). */
export const VENDOR_PROFILE_SEED: TVendorProfile = {
  legalName: "Rappel SAS",
  address: "12 rue des Lumières, 69002 Lyon, France",
  siren: "",
  representative: "",
  dpoContact: "Délégué à la protection des données — dpo@rappel.demo",
  hosting: "Union européenne (France) — serveurs dédiés, PostgreSQL chiffré",
  software: ["Rappel (plateforme SaaS)", "PostgreSQL", "Redis"],
};
