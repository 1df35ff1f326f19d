// Tenant resolution and permission decisions against a real database (RLS included).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, Tenant } from "@rappel/db";
import {
  allowedAreas,
  decidePlatformAccess,
  homePath,
  listTenantMemberships,
  loadStaffUser,
  resolveTenantAccess,
} from "./staff-access";
import { safeCallbackPath } from "./callback-path";
import { addMembership, createTenant, createUser, testDatabase, type CreatedUser } from "./testing/fixtures";

let db: Database;
let theatre: Tenant;
let festival: Tenant;
let multi: CreatedUser;
let viewer: CreatedUser;
let outsider: CreatedUser;

beforeAll(async () => {
  db = testDatabase();
  theatre = await createTenant(db, "theatre");
  festival = await createTenant(db, "festival");
  multi = await createUser(db, { name: "Multi" });
  viewer = await createUser(db, { name: "Viewer" });
  outsider = await createUser(db, { name: "Outsider" });
  await addMembership(db, theatre.id, multi.id, "owner");
  await addMembership(db, festival.id, multi.id, "analyst");
  await addMembership(db, theatre.id, viewer.id, "viewer");
});

afterAll(async () => {
  await db.$disconnect();
});

describe("memberships", () => {
  it("lists only the user's own memberships", async () => {
    const mine = await listTenantMemberships(db, multi.id);
    expect(mine.map((m) => [m.slug, m.role]).sort()).toEqual([
      [festival.slug, "analyst"],
      [theatre.slug, "owner"],
    ]);
    const theirs = await listTenantMemberships(db, viewer.id);
    expect(theirs.map((m) => m.slug)).toEqual([theatre.slug]);
    expect(await listTenantMemberships(db, outsider.id)).toEqual([]);
  });
});

describe("resolveTenantAccess", () => {
  it("allows a member whose role has the permission", async () => {
    const access = await resolveTenantAccess(db, multi.id, theatre.slug, "settings.members.manage");
    expect(access.outcome).toBe("allowed");
    if (access.outcome === "allowed") {
      expect(access.membership).toMatchObject({ tenantId: theatre.id, role: "owner" });
      expect(access.memberships).toHaveLength(2);
    }
  });

  it("forbids a member whose role lacks the permission (per tenant, not per user)", async () => {
    expect((await resolveTenantAccess(db, viewer.id, theatre.slug, "settings.members.manage")).outcome).toBe("forbidden");
    expect((await resolveTenantAccess(db, multi.id, festival.slug, "settings.members.manage")).outcome).toBe("forbidden");
    expect((await resolveTenantAccess(db, multi.id, festival.slug, "ignition.dashboards.view")).outcome).toBe("allowed");
  });

  it("does not reveal tenants the user is not a member of", async () => {
    expect((await resolveTenantAccess(db, viewer.id, festival.slug, "ignition.dashboards.view")).outcome).toBe("not_found");
    expect((await resolveTenantAccess(db, outsider.id, theatre.slug, null)).outcome).toBe("not_found");
    expect((await resolveTenantAccess(db, multi.id, "no-such-tenant", null)).outcome).toBe("not_found");
    expect((await resolveTenantAccess(db, multi.id, "../../etc", null)).outcome).toBe("not_found");
    expect((await resolveTenantAccess(db, multi.id, theatre.slug.toUpperCase(), null)).outcome).toBe("not_found");
  });
});

describe("loadStaffUser", () => {
  it("keeps a platform role only when the session passed the second factor", async () => {
    const admin = await createUser(db, { platformRole: "superadmin", withTotp: true });
    const without = await loadStaffUser(db, { userId: admin.id, secondFactor: false });
    const withCode = await loadStaffUser(db, { userId: admin.id, secondFactor: true });
    expect(without?.platformRole).toBeNull();
    expect(withCode?.platformRole).toBe("superadmin");
    expect(decidePlatformAccess(without ?? { platformRole: null }, "platform.queues.view")).toBe(false);
    expect(decidePlatformAccess(withCode ?? { platformRole: null }, "platform.queues.view")).toBe(true);
  });

  it("returns nothing for a disabled or deleted account", async () => {
    const disabled = await createUser(db, { disabled: true });
    expect(await loadStaffUser(db, { userId: disabled.id, secondFactor: false })).toBeNull();
    expect(await loadStaffUser(db, { userId: "00000000-0000-4000-8000-000000000000", secondFactor: false })).toBeNull();
  });
});

describe("navigation helpers", () => {
  it("opens only the areas a role may see", () => {
    expect(allowedAreas("owner")).toEqual(["ignition", "satisfaction", "activation", "data", "settings"]);
    expect(allowedAreas("viewer")).toEqual(["ignition", "satisfaction", "activation"]);
    expect(allowedAreas("survey_manager")).toEqual(["ignition", "satisfaction"]);
  });

  it("sends `/` to the first tenant, else admin, else nowhere", async () => {
    const memberships = await listTenantMemberships(db, multi.id);
    expect(homePath({ platformRole: null }, memberships)).toBe(`/t/${memberships[0]?.slug}`);
    expect(homePath({ platformRole: "dpo" }, [])).toBe("/admin");
    expect(homePath({ platformRole: null }, [])).toBeNull();
  });

  it("accepts only same-origin paths after sign-in", () => {
    expect(safeCallbackPath("/t/theatre/ignition?x=1")).toBe("/t/theatre/ignition?x=1");
    for (const bad of ["https://evil.test/", "//evil.test", "/\\evil.test", "javascript:alert(1)", "/sign-in", "/api/auth/signout", "", null]) {
      expect(safeCallbackPath(bad)).toBe("/");
    }
  });
});
