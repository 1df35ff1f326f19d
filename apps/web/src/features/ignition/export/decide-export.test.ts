import { describe, expect, it } from "vitest";
import type { TenantMembershipView } from "@rappel/auth";
import { CSV_TABLES, decideCsvExport } from "./decide-export";

const member = (slug: string, role: TenantMembershipView["role"]): TenantMembershipView => ({
  tenantId: "0b5e2f1c-7d3a-4c2b-9e8f-1a2b3c4d5e6f",
  slug,
  name: slug,
  kind: "theatre",
  role,
});
const user = { id: "u1" };

describe("decideCsvExport", () => {
  it("lets owners, admins and analysts export every table", () => {
    for (const role of ["owner", "admin", "analyst"] as const) {
      for (const table of CSV_TABLES) {
        const d = decideCsvExport(user, [member("lumiere", role)], "lumiere", table);
        expect(d.status, `${role} ${table}`).toBe(200);
        if (d.status === 200) expect(d.table).toBe(table);
      }
    }
  });

  it("refuses roles without reports.export (viewer, survey manager, marketer) with 403", () => {
    for (const role of ["viewer", "survey_manager", "marketer"] as const) {
      expect(decideCsvExport(user, [member("lumiere", role)], "lumiere", "kpis").status, role).toBe(403);
    }
  });

  it("answers 404 for another tenant, an unknown slug or an unknown table, and 401 when signed out", () => {
    expect(decideCsvExport(user, [member("lumiere", "owner")], "nuits", "kpis").status).toBe(404);
    expect(decideCsvExport(user, [member("lumiere", "owner")], "LUMIERE", "kpis").status).toBe(404);
    expect(decideCsvExport(user, [member("lumiere", "owner")], "lumiere", "spectators").status).toBe(404);
    expect(decideCsvExport(null, [member("lumiere", "owner")], "lumiere", "kpis").status).toBe(401);
  });
});
