// The REST API's error shape: `{ error: { code, message } }` with a status that says what to do.
// Expected errors are typed (ApiError, the import service's ImportError, UploadError); anything
// else is logged with its context and answered with a generic 500.
import { ImportError } from "@rappel/ignition-import";
import { ImportFileError } from "@rappel/ticketing-import";
import { z } from "zod";
import { QueueUnavailableError } from "../lib/import-commands";
import { UploadError, type UploadErrorCode } from "../lib/receive-upload";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

const UPLOAD_STATUS: Record<UploadErrorCode, number> = {
  too_large: 413,
  no_file: 400,
  unsupported_type: 415,
  empty_file: 422,
  bad_request: 400,
};

const UPLOAD_MESSAGES: Record<UploadErrorCode, string> = {
  too_large: "The file is larger than the upload limit.",
  no_file: "No file was sent: send the file as the raw body, or as the multipart field `file`.",
  unsupported_type: "Unsupported file type: send a .csv, .tsv, .txt or .xlsx file.",
  empty_file: "The file is empty.",
  bad_request: "The request body could not be read.",
};

export function errorResponse(status: number, code: string, message: string, headers?: HeadersInit): Response {
  return Response.json({ error: { code, message } }, { status, headers });
}

export function toApiError(error: unknown): ApiError | null {
  if (error instanceof ApiError) return error;
  if (error instanceof UploadError) return new ApiError(UPLOAD_STATUS[error.code], `upload.${error.code}`, UPLOAD_MESSAGES[error.code]);
  if (error instanceof ImportFileError) return new ApiError(422, `file.${error.code}`, error.message);
  if (error instanceof ImportError) return new ApiError(error.status, error.code, error.message);
  if (error instanceof z.ZodError) {
    const detail = error.issues.map((i) => `${i.path.join(".") || "request"}: ${i.message}`).join("; ");
    return new ApiError(400, "request.invalid", detail);
  }
  if (error instanceof QueueUnavailableError) {
    return new ApiError(503, "queue.unavailable", "The import is saved but could not be queued right now; it will be picked up again. Try again later.");
  }
  return null;
}

/** Runs a handler and turns what it throws into the API's error responses. */
export async function handleApi(route: string, work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    const known = toApiError(error);
    if (known) {
      const headers = known.status === 401 ? { "WWW-Authenticate": 'Bearer realm="rappel"' } : undefined;
      return errorResponse(known.status, known.code, known.message, headers);
    }
    console.error(JSON.stringify({ level: "error", event: "api.unexpected", route, message: (error as Error)?.message, stack: (error as Error)?.stack }));
    return errorResponse(500, "internal", "Something went wrong on our side. Try again; if it persists, contact support.");
  }
}
