// Register downloads: GET …/export/{csv|pdf|xlsx}. The platform permission is checked here on
// the server; a processor entry is read on the audited platform path with "export" as the reason.
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import {
  CONTROLLER_FIELDS,
  DpoRecordError,
  PROCESSOR_FIELDS,
  ensureControllerRegister,
  getProcessorRecord,
  listControllerActivities,
  loadVendorProfile,
  vendorIdentity,
  type FieldDescriptor,
} from "@rappel/dpo-records";
import { renderCnilWorkbook, renderRegisterCsv, renderRegisterPdf, type RegisterExportEntry, type RegisterLabels } from "@rappel/dpo-records/exports";
import { getDb } from "@/server/db";
import { requirePlatformPermission } from "@/server/guard";
import { getRegisterLabels } from "../lib/labels";

const ZFormat = z.enum(["csv", "pdf", "xlsx"]);
type Format = z.infer<typeof ZFormat>;

const CONTENT_TYPES: Record<Format, string> = {
  csv: "text/csv; charset=utf-8",
  pdf: "application/pdf",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

export async function renderRegister(
  format: Format,
  entries: RegisterExportEntry[],
  fields: readonly FieldDescriptor[],
  labels: RegisterLabels,
  filename: string,
): Promise<Response> {
  const body =
    format === "csv" ? renderRegisterCsv(entries, fields, labels) : format === "pdf" ? await renderRegisterPdf(entries, fields, labels) : await renderCnilWorkbook(entries, fields, labels);
  return new Response(typeof body === "string" ? body : Buffer.from(body), {
    headers: {
      "content-type": CONTENT_TYPES[format],
      "content-disposition": `attachment; filename="${filename}.${format}"`,
      "cache-control": "no-store",
    },
  });
}

export async function exportControllerRegister(_request: Request, { params }: { params: Promise<{ format: string }> }): Promise<Response> {
  const { user } = await requirePlatformPermission("platform.privacy.manage", "/admin/dpo/registers");
  const format = ZFormat.safeParse((await params).format);
  if (!format.success) return new Response("Unknown export format.", { status: 404 });
  const db = getDb();
  await ensureControllerRegister(db, user.id);
  const [activities, vendor, t] = await Promise.all([listControllerActivities(db), loadVendorProfile(db), getTranslations("dpo.registers")]);
  const labels = await getRegisterLabels(t("controllerTitle"), t("controllerSubtitle", { vendor: vendorIdentity(vendor) }));
  return renderRegister(format.data, activities, CONTROLLER_FIELDS, labels, "registre-rt");
}

export async function exportProcessorRegister(_request: Request, { params }: { params: Promise<{ tenantId: string; format: string }> }): Promise<Response> {
  const { user } = await requirePlatformPermission("platform.privacy.manage", "/admin/dpo/registers");
  const { tenantId, format: rawFormat } = await params;
  const format = ZFormat.safeParse(rawFormat);
  if (!format.success || !z.string().uuid().safeParse(tenantId).success) return new Response("Not found.", { status: 404 });
  let record;
  try {
    record = await getProcessorRecord(getDb(), { userId: user.id }, tenantId, new Date(), `DPO: processor register entry (export ${format.data})`);
  } catch (error) {
    if (error instanceof DpoRecordError && error.status === 404) return new Response("Not found.", { status: 404 });
    throw error;
  }
  const [t, vendor] = await Promise.all([getTranslations("dpo.registers"), loadVendorProfile(getDb())]);
  const labels = await getRegisterLabels(t("processorTitle", { tenant: record.tenantName }), t("processorSubtitle", { tenant: record.tenantName, vendor: vendorIdentity(vendor) }));
  return renderRegister(format.data, [record], PROCESSOR_FIELDS, labels, `registre-st-${tenantId.slice(0, 8)}`);
}
