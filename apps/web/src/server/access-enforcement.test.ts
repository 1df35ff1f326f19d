// The guard's mapping from access decisions to Next's 404 / 403 interrupts (the decisions
// themselves are tested against a real database in @rappel/auth).
import { describe, expect, it } from "vitest";
import type { TenantMembershipView } from "@rappel/auth";
import { enforcePlatformAccess, enforceTenantAccess } from "./access-enforcement";

const memberships: TenantMembershipView[] = [
  { tenantId: "11111111-1111-4111-8111-111111111111", slug: "theatre-lumiere", name: "Théâtre", kind: "theatre", role: "viewer" },
  { tenantId: "22222222-2222-4222-8222-222222222222", slug: "festival-nuits-ete", name: "Festival", kind: "festival", role: "owner" },
];

function interrupt(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return String((error as { digest?: string }).digest);
  }
  return "no interrupt";
}

describe("enforceTenantAccess", () => {
  it("returns the membership when the role has the permission", () => {
    expect(enforceTenantAccess(memberships, "festival-nuits-ete", "settings.members.manage").tenantId).toBe(memberships[1]?.tenantId);
    expect(enforceTenantAccess(memberships, "theatre-lumiere", "ignition.dashboards.view").role).toBe("viewer");
    expect(enforceTenantAccess(memberships, "theatre-lumiere", null).slug).toBe("theatre-lumiere");
  });

  it("answers 403 to a member whose role lacks the permission", () => {
    expect(interrupt(() => enforceTenantAccess(memberships, "theatre-lumiere", "settings.members.manage"))).toBe("NEXT_HTTP_ERROR_FALLBACK;403");
    expect(interrupt(() => enforceTenantAccess(memberships, "theatre-lumiere", "data.imports.manage"))).toBe("NEXT_HTTP_ERROR_FALLBACK;403");
  });

  it("answers 404 to non-members and malformed slugs, whatever the permission", () => {
    for (const slug of ["other-venue", "THEATRE-LUMIERE", "theatre-lumiere/../x", ""]) {
      expect(interrupt(() => enforceTenantAccess(memberships, slug, null))).toBe("NEXT_HTTP_ERROR_FALLBACK;404");
      expect(interrupt(() => enforceTenantAccess(memberships, slug, "ignition.dashboards.view"))).toBe("NEXT_HTTP_ERROR_FALLBACK;404");
    }
    expect(interrupt(() => enforceTenantAccess([], "theatre-lumiere", null))).toBe("NEXT_HTTP_ERROR_FALLBACK;404");
  });
});

describe("enforcePlatformAccess", () => {
  it("lets platform roles through for their permissions only", () => {
    expect(enforcePlatformAccess({ platformRole: "superadmin" }, "platform.queues.view")).toBe("superadmin");
    expect(enforcePlatformAccess({ platformRole: "dpo" }, "platform.admin.access")).toBe("dpo");
    expect(interrupt(() => enforcePlatformAccess({ platformRole: "dpo" }, "platform.queues.view"))).toBe("NEXT_HTTP_ERROR_FALLBACK;403");
  });

  it("answers 403 to users without a platform role", () => {
    expect(interrupt(() => enforcePlatformAccess({ platformRole: null }, "platform.admin.access"))).toBe("NEXT_HTTP_ERROR_FALLBACK;403");
  });
});
