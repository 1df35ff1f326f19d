export { PdfWriter } from "./pdf-writer";
export { renderRegisterCsv, renderRegisterPdf, renderCnilWorkbook, type RegisterExportEntry, type RegisterLabels } from "./register-exports";
export { renderDpiaPdf, type DpiaLabels } from "../dpias/dpia-pdf";
