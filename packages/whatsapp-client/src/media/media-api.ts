import type { Readable } from "node:stream";
import { FormData } from "undici";
import { apiErrorFrom, type CallOptions, type Transport } from "../client/transport.js";
import {
  WhatsAppAbortError,
  WhatsAppError,
  WhatsAppNetworkError,
  WhatsAppTimeoutError,
  WhatsAppValidationError,
} from "../errors.js";
import { checkMedia, type MediaKind } from "./limits.js";

/** A file to upload. */
export interface MediaFile {
  /** The bytes. */
  data: Uint8Array | ArrayBuffer | Blob;
  /** e.g. `image/jpeg`; checked against WhatsApp's supported types. */
  mimeType: string;
  /** File name sent with the upload. Default `file`. */
  filename?: string;
}

/** What `getMediaUrl` answers. */
export interface MediaInfo {
  id: string;
  /** A short-lived URL that needs the bearer token (use `downloadMedia`). */
  url: string;
  mimeType: string;
  sha256: string | undefined;
  fileSize: number | undefined;
}

/** A media download: the body as a stream, to pipe or buffer. */
export interface MediaDownload {
  stream: Readable;
  mimeType: string | undefined;
  size: number | undefined;
}

const META_MEDIA_HOSTS = [".fbsbx.com", ".facebook.com", ".whatsapp.net", ".fbcdn.net"];

async function headOf(data: Uint8Array | ArrayBuffer | Blob): Promise<{ head: Uint8Array; size: number; blob: Blob }> {
  if (data instanceof Blob)
    return { head: new Uint8Array(await data.slice(0, 32).arrayBuffer()), size: data.size, blob: data };
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  return { head: bytes.subarray(0, 32), size: bytes.byteLength, blob: new Blob([bytes as Uint8Array<ArrayBuffer>]) };
}

/** Uploads a file after checking its type and size; resolves to the media id. */
export async function uploadMedia(
  transport: Transport,
  phoneNumberId: string,
  file: MediaFile,
  options: CallOptions = {},
): Promise<{ id: string; kind: MediaKind }> {
  if (typeof file !== "object" || file === null)
    throw new WhatsAppValidationError([{ field: "file", rule: "expected an object" }]);
  if (!(file.data instanceof Uint8Array || file.data instanceof ArrayBuffer || file.data instanceof Blob)) {
    throw new WhatsAppValidationError([{ field: "file.data", rule: "expected a Uint8Array, ArrayBuffer or Blob" }]);
  }
  if (typeof file.mimeType !== "string")
    throw new WhatsAppValidationError([{ field: "file.mimeType", rule: "expected a string" }]);
  const { head, size, blob } = await headOf(file.data);
  const kind = checkMedia(file.mimeType, size, head);
  const form = new FormData();
  form.set("messaging_product", "whatsapp");
  form.set("type", file.mimeType);
  form.set("file", new Blob([blob], { type: file.mimeType }), file.filename ?? "file");
  // A repeated upload only leaves an unused media (Meta deletes it after 30 days): retried like an idempotent call.
  const res = await transport.call<{ id?: unknown }>("POST", `/${phoneNumberId}/media`, form, options, true);
  if (typeof res.id !== "string") throw new WhatsAppError("Media upload answered no id", "INVALID_RESPONSE");
  return { id: res.id, kind };
}

const mediaId = (id: unknown): string => {
  if (typeof id !== "string" || !/^[\w.-]{1,256}$/.test(id)) {
    throw new WhatsAppValidationError([{ field: "mediaId", rule: "a media id (letters, digits, _ . -)" }]);
  }
  return id;
};

/** Resolves a media id to its short-lived download URL and metadata. */
export async function getMediaUrl(
  transport: Transport,
  phoneNumberId: string,
  id: string,
  options: CallOptions = {},
): Promise<MediaInfo> {
  const res = await transport.call<Record<string, unknown>>(
    "GET",
    `/${mediaId(id)}?phone_number_id=${phoneNumberId}`,
    undefined,
    options,
  );
  if (typeof res.url !== "string") throw new WhatsAppError("Media lookup answered no url", "INVALID_RESPONSE");
  return {
    id: typeof res.id === "string" ? res.id : id,
    url: res.url,
    mimeType: typeof res.mime_type === "string" ? res.mime_type : "application/octet-stream",
    sha256: typeof res.sha256 === "string" ? res.sha256 : undefined,
    fileSize:
      typeof res.file_size === "number"
        ? res.file_size
        : typeof res.file_size === "string"
          ? Number(res.file_size)
          : undefined,
  };
}

/** Only Meta's hosts (or the configured base URL) ever receive the bearer token. */
function checkDownloadUrl(transport: Transport, raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WhatsAppValidationError([{ field: "url", rule: "must be a URL" }]);
  }
  const meta = url.protocol === "https:" && META_MEDIA_HOSTS.some((h) => url.hostname.endsWith(h));
  if (!meta && url.origin !== transport.origin) {
    throw new WhatsAppValidationError([
      {
        field: "url",
        rule: "must be a Meta media URL (https, *.fbsbx.com / *.whatsapp.net) or on the client's baseUrl",
      },
    ]);
  }
  return url;
}

/** Downloads a media (by id or by the URL from `getMediaUrl`) as a stream, sending the bearer token. */
export async function downloadMedia(
  transport: Transport,
  phoneNumberId: string,
  idOrUrl: string,
  options: CallOptions = {},
): Promise<MediaDownload> {
  const info = /^https?:\/\//.test(idOrUrl) ? undefined : await getMediaUrl(transport, phoneNumberId, idOrUrl, options);
  const url = checkDownloadUrl(transport, info?.url ?? idOrUrl);
  if (options.signal?.aborted) throw new WhatsAppAbortError(options.signal.reason);
  let response: Awaited<ReturnType<typeof transport.dispatcher.request>>;
  try {
    response = await transport.dispatcher.request({
      origin: url.origin,
      path: url.pathname + url.search,
      method: "GET",
      headers: { authorization: transport.authHeader(), "user-agent": "toktok-whatsapp-client" },
      signal: options.signal,
      // The caller reads the stream at its own pace; only gaps between chunks are bounded.
      headersTimeout: options.timeoutMs ?? transport.timeoutMs,
      bodyTimeout: options.timeoutMs ?? transport.timeoutMs,
    });
  } catch (error) {
    if (options.signal?.aborted) throw new WhatsAppAbortError(options.signal.reason);
    if ((error as { code?: unknown })?.code === "UND_ERR_HEADERS_TIMEOUT") {
      throw new WhatsAppTimeoutError(options.timeoutMs ?? transport.timeoutMs);
    }
    throw new WhatsAppNetworkError("Media download failed", error);
  }
  if (response.statusCode < 200 || response.statusCode >= 300) {
    const text = await response.body.text();
    throw apiErrorFrom(response.statusCode, text, response.headers["retry-after"]);
  }
  const type = response.headers["content-type"];
  const length = response.headers["content-length"];
  return {
    stream: response.body,
    mimeType: typeof type === "string" ? type : info?.mimeType,
    size: typeof length === "string" ? Number(length) : info?.fileSize,
  };
}

/** Deletes an uploaded media. */
export async function deleteMedia(
  transport: Transport,
  phoneNumberId: string,
  id: string,
  options: CallOptions = {},
): Promise<{ success: boolean }> {
  const res = await transport.call<{ success?: unknown }>(
    "DELETE",
    `/${mediaId(id)}?phone_number_id=${phoneNumberId}`,
    undefined,
    options,
  );
  return { success: res.success === true };
}
