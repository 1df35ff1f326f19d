// @rappel/ticketing-import: the parsing layer of ticketing imports (no database, no queue).
//
//   const file = await openImportFile(pathOrStream);           // CSV or XLSX, streaming
//   const { mapping, columns } = suggestMapping("tickets", file.headers);
//   const validate = createRowValidator(ZColumnMapping.parse(mapping));
//   for await (const { line, raw } of file) {
//     const result = validate(raw);                            // typed row, or reasons
//   }
//   file.summary();                                            // encoding, delimiter, counts

// Reading files
export {
  openImportFile,
  headerNames,
  ImportFileError,
  type ImportFileReader,
  type ImportFileFormat,
  type OpenImportFileOptions,
  type RawRow,
  type ReadSummary,
} from "./read/open-import-file";
export type { MalformedRecord, CsvDetails, XlsxDetails } from "./read/types";
export type { TextEncoding } from "./read/decode-text";
export { sniffDelimiter, type Delimiter } from "./read/sniff-delimiter";
export { previewImportFile, type ImportFilePreview } from "./read/preview";

// Field parsers (pure; each returns { ok, value } or { ok: false, code })
export { parseDateTime, parseTimeOfDay, DEFAULT_ZONE, type ParsedDateTime, type TimeOfDay } from "./fields/dates";
export { parseAmount, type Money } from "./fields/amounts";
export { parseInteger, parseBoolean, parsePostalCode, parseText } from "./fields/scalars";
export { parseCountry, parseLanguage } from "./fields/countries";
export type { FieldResult } from "./fields/result";

// Column mapping
export { FILE_KINDS, TARGETS, targetNames, fieldLabel, type FileKind, type TargetField } from "./mapping/targets";
export { ZColumnMapping, parseColumnMapping, applyMapping, missingColumns, type TColumnMapping, type TColumnMappingOf } from "./mapping/column-mapping";
export { suggestMapping, MIN_CONFIDENCE, type MappingSuggestion, type ColumnSuggestion } from "./mapping/suggest-mapping";

// Row validation
export { createRowValidator, describeIssues, type RowValidator, type RowValidatorOptions, type RowsByKind } from "./validate/row-validator";
export type { RowResult } from "./validate/common";
export type { TicketRow } from "./validate/ticket-row";
export type { PerformanceRow } from "./validate/performance-row";
export type { SpectatorRow } from "./validate/spectator-row";
export {
  parseSalesChannel,
  parseTicketStatus,
  parsePerformanceStatus,
  SALES_CHANNELS,
  TICKET_STATUSES,
  PERFORMANCE_STATUSES,
  type SalesChannel,
  type TicketStatus,
  type PerformanceStatus,
} from "./validate/labels";

// Memo shared by the import's per-row look-ups
export { BoundedMemo } from "./bounded-memo";

// Messages
export { issueMessages, formatIssue, type IssueCode, type RowIssue, type Language } from "./messages";
