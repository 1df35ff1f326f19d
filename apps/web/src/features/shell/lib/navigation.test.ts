import { describe, expect, it } from "vitest";
import { adminNavigation, tenantNavigation } from "./navigation";
import { isCurrent, switchTarget } from "./nav-paths";

describe("tenantNavigation", () => {
  it("lists only the areas the role may open, in order", () => {
    expect(tenantNavigation("theatre-lumiere", "owner").map((i) => i.href)).toEqual([
      "/t/theatre-lumiere/ignition",
      "/t/theatre-lumiere/satisfaction",
      "/t/theatre-lumiere/activation",
      "/t/theatre-lumiere/data",
      "/t/theatre-lumiere/settings",
    ]);
    expect(tenantNavigation("x", "analyst").map((i) => i.id)).toEqual(["ignition", "satisfaction", "activation"]);
    expect(tenantNavigation("x", "marketer").map((i) => i.labelKey)).not.toContain("areas.settings.label");
  });
});

describe("adminNavigation", () => {
  it("shows the queues to the superadmin only", () => {
    expect(adminNavigation("superadmin").map((i) => i.id)).toEqual(["tenants", "queues"]);
    expect(adminNavigation("dpo").map((i) => i.id)).not.toContain("queues");
    expect(adminNavigation("dpo").map((i) => i.id)).toEqual(["tenants", "privacy", "dpo"]);
    expect(adminNavigation(null)).toEqual([]);
  });
});

describe("adminNavigation (DPO records)", () => {
  it("shows the DPO records to the DPO only", () => {
    expect(adminNavigation("dpo").map((i) => i.href)).toContain("/admin/dpo");
    expect(adminNavigation("superadmin").map((i) => i.href)).not.toContain("/admin/dpo");
  });
});

describe("switchTarget", () => {
  it("keeps the area when the role in the other tenant may open it", () => {
    expect(switchTarget("/t/a/settings/members", { slug: "b", areas: ["ignition", "settings"] })).toBe("/t/b/settings");
    expect(switchTarget("/t/a/activation", { slug: "b", areas: ["ignition", "activation"] })).toBe("/t/b/activation");
  });

  it("falls back to the tenant's home otherwise", () => {
    expect(switchTarget("/t/a/settings/members", { slug: "b", areas: ["ignition"] })).toBe("/t/b");
    expect(switchTarget("/admin", { slug: "b", areas: ["ignition"] })).toBe("/t/b");
    expect(switchTarget("/t/a/unknown", { slug: "b", areas: ["ignition"] })).toBe("/t/b");
  });
});

describe("isCurrent", () => {
  it("marks the link of the page and of pages below it", () => {
    expect(isCurrent("/t/a/settings/members", "/t/a/settings")).toBe(true);
    expect(isCurrent("/t/a/settings", "/t/a/settings")).toBe(true);
    expect(isCurrent("/t/a/settingsx", "/t/a/settings")).toBe(false);
    expect(isCurrent("/admin/queues", "/admin")).toBe(false);
    expect(isCurrent("/admin", "/admin")).toBe(true);
  });
});
