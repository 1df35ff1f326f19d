// Why an upload from the form was refused: the upload route redirects back to the Data page with
// one of these codes, which the form shows in words.
export const UPLOAD_ERROR_CODES = [
  "too_large",
  "no_file",
  "unsupported_type",
  "empty_file",
  "bad_request",
  "kind",
  "no_header",
  "xls_unsupported",
  "unreadable_xlsx",
] as const;
export type TUploadErrorCode = (typeof UPLOAD_ERROR_CODES)[number];
