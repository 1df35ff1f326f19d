import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderPermissionMatrix } from "./matrix-doc";
import { platformRoleCan, requiresSecondFactor, tenantRoleCan, TENANT_PERMISSIONS, TENANT_ROLES } from "./permissions";

describe("tenant permission matrix", () => {
  it("gives the owner every permission", () => {
    for (const p of TENANT_PERMISSIONS) expect(tenantRoleCan("owner", p)).toBe(true);
  });

  it("keeps analysts on aggregates: no personal data, no imports, no sending", () => {
    expect(tenantRoleCan("analyst", "ignition.dashboards.view")).toBe(true);
    expect(tenantRoleCan("analyst", "reports.export")).toBe(true);
    expect(tenantRoleCan("analyst", "spectators.read")).toBe(false);
    expect(tenantRoleCan("analyst", "spectators.export")).toBe(false);
    expect(tenantRoleCan("analyst", "data.imports.manage")).toBe(false);
    expect(tenantRoleCan("analyst", "activation.campaigns.send")).toBe(false);
  });

  it("lets marketers run campaigns but not surveys or settings", () => {
    expect(tenantRoleCan("marketer", "activation.segments.manage")).toBe(true);
    expect(tenantRoleCan("marketer", "activation.campaigns.send")).toBe(true);
    expect(tenantRoleCan("marketer", "satisfaction.surveys.manage")).toBe(false);
    expect(tenantRoleCan("marketer", "settings.members.manage")).toBe(false);
  });

  it("lets survey managers build surveys but not campaigns", () => {
    expect(tenantRoleCan("survey_manager", "satisfaction.surveys.manage")).toBe(true);
    expect(tenantRoleCan("survey_manager", "activation.campaigns.manage")).toBe(false);
    expect(tenantRoleCan("survey_manager", "spectators.read")).toBe(false);
  });

  it("keeps viewers read-only", () => {
    const writes = TENANT_PERMISSIONS.filter((p) => !p.endsWith(".view"));
    for (const p of writes) expect(tenantRoleCan("viewer", p)).toBe(false);
  });

  it("reserves tenant settings to the owner", () => {
    for (const role of TENANT_ROLES) expect(tenantRoleCan(role, "settings.tenant.manage")).toBe(role === "owner");
  });
});

describe("platform roles", () => {
  it("separates the superadmin's operations from the DPO's privacy work", () => {
    expect(platformRoleCan("superadmin", "platform.queues.view")).toBe(true);
    expect(platformRoleCan("superadmin", "platform.privacy.manage")).toBe(false);
    expect(platformRoleCan("dpo", "platform.privacy.manage")).toBe(true);
    expect(platformRoleCan("dpo", "platform.tenants.manage")).toBe(false);
    expect(platformRoleCan(null, "platform.admin.access")).toBe(false);
  });

  it("requires a second factor for every platform role only", () => {
    expect(requiresSecondFactor("superadmin")).toBe(true);
    expect(requiresSecondFactor("dpo")).toBe(true);
    expect(requiresSecondFactor(null)).toBe(false);
  });
});

describe("docs/permissions.md", () => {
  it("shows the matrix the code enforces", () => {
    const doc = readFileSync(new URL("../../../docs/permissions.md", import.meta.url), "utf8");
    expect(doc).toContain(renderPermissionMatrix());
  });
});
