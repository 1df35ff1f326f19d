// Receives one uploaded file from a request and streams it to the import's storage: multipart
// (the browser form, or an API client's -F) through busboy, or a raw body. Nothing is buffered
// whole: the bytes go from the socket to disk, hashed on the way (storeImportFile).
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import busboy from "busboy";
import { deleteImportFile, FileTooLargeError, storeImportFile } from "@rappel/ignition-import";
import { defaultFileName, hasAcceptedExtension } from "./limits";

export type UploadErrorCode = "too_large" | "no_file" | "unsupported_type" | "empty_file" | "bad_request";

export class UploadError extends Error {
  constructor(readonly code: UploadErrorCode, message: string) {
    super(message);
    this.name = "UploadError";
  }
}

export interface ReceivedFile {
  fileName: string;
  size: number;
  sha256: string;
}

export interface ReceivedUpload {
  file: ReceivedFile;
  /** The multipart form's text fields (first value of each); empty for a raw body. */
  fields: Record<string, string>;
}

export interface UploadTarget {
  storageDir: string;
  tenantId: string;
  importId: string;
  maxBytes: number;
  /** For a raw body: the name given by the client (query or Content-Disposition). */
  fileName?: string;
}

/** Refuses a body announced as too large before reading any of it. */
export function checkDeclaredLength(request: Request, maxBytes: number): void {
  const declared = Number(request.headers.get("content-length") ?? "");
  // Multipart adds a few hundred bytes of boundaries and headers around the file.
  if (Number.isFinite(declared) && declared > maxBytes + 64 * 1024) throw tooLarge(maxBytes);
}

function tooLarge(maxBytes: number): UploadError {
  return new UploadError("too_large", `file larger than ${maxBytes} bytes`);
}

function fileNameFromDisposition(value: string | null): string | undefined {
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(value ?? "");
  if (!match?.[1]) return undefined;
  try {
    return decodeURIComponent(match[1]).trim();
  } catch {
    return match[1].trim();
  }
}

export async function receiveUpload(request: Request, target: UploadTarget): Promise<ReceivedUpload> {
  if (!request.body) throw new UploadError("no_file", "the request has no body");
  checkDeclaredLength(request, target.maxBytes);
  const contentType = request.headers.get("content-type") ?? "";
  const source = Readable.fromWeb(request.body as unknown as NodeReadableStream);
  try {
    const received = /^multipart\/form-data/i.test(contentType)
      ? await receiveMultipart(source, contentType, target)
      : await receiveRaw(source, target, target.fileName ?? fileNameFromDisposition(request.headers.get("content-disposition")) ?? defaultFileName(contentType));
    if (received.file.size === 0) throw new UploadError("empty_file", "the file is empty");
    return received;
  } catch (error) {
    await deleteImportFile(target.storageDir, target.tenantId, target.importId);
    if (error instanceof FileTooLargeError) throw tooLarge(target.maxBytes);
    throw error;
  }
}

async function receiveRaw(source: Readable, target: UploadTarget, fileName: string): Promise<ReceivedUpload> {
  if (!hasAcceptedExtension(fileName)) {
    source.destroy();
    throw new UploadError("unsupported_type", `unsupported file type: ${fileName}`);
  }
  const stored = await storeImportFile({
    storageDir: target.storageDir,
    tenantId: target.tenantId,
    importId: target.importId,
    source,
    maxBytes: target.maxBytes,
  });
  return { file: { fileName, size: stored.size, sha256: stored.sha256 }, fields: {} };
}

function receiveMultipart(source: Readable, contentType: string, target: UploadTarget): Promise<ReceivedUpload> {
  return new Promise<ReceivedUpload>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { "content-type": contentType },
        // One byte over the limit is enough to know the file is too large; busboy then discards
        // the rest of it (no destroyed stream in the middle of the parse).
        limits: { files: 1, fileSize: target.maxBytes + 1, fields: 20, fieldSize: 256 * 1024 },
      });
    } catch {
      reject(new UploadError("bad_request", "malformed multipart request"));
      return;
    }
    const fields: Record<string, string> = {};
    // Settles with the file or the error (never rejects), so nothing is left unhandled while the
    // rest of the form is parsed.
    let stored: Promise<ReceivedFile | Error> | null = null;
    let failure: UploadError | null = null;

    parser.on("field", (name, value) => {
      if (!(name in fields)) fields[name] = value;
    });
    parser.on("file", (name, stream, info) => {
      const fileName = (info.filename ?? "").trim();
      if (name !== "file" || stored || !fileName) {
        // An empty file input sends a part with no file name: treated as "no file".
        stream.resume();
        return;
      }
      if (!hasAcceptedExtension(fileName)) {
        failure ??= new UploadError("unsupported_type", `unsupported file type: ${fileName}`);
        stream.resume();
        return;
      }
      let truncated = false;
      stream.on("limit", () => {
        truncated = true;
      });
      stored = storeImportFile({ storageDir: target.storageDir, tenantId: target.tenantId, importId: target.importId, source: stream }).then(
        (file) => (truncated ? tooLarge(target.maxBytes) : { fileName, size: file.size, sha256: file.sha256 }),
        (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
      );
    });
    parser.on("error", () => reject(new UploadError("bad_request", "malformed multipart request")));
    parser.on("close", () => {
      void (async () => {
        try {
          const file = stored ? await stored : null;
          if (file instanceof Error) throw file;
          if (failure) throw failure;
          if (!file) throw new UploadError("no_file", "no file in the form (field name: file)");
          resolve({ file, fields });
        } catch (error) {
          reject(error);
        }
      })();
    });
    source.on("error", () => reject(new UploadError("bad_request", "the upload was interrupted")));
    source.pipe(parser);
  });
}
