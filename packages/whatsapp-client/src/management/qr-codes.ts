import type { CallOptions } from "../client/transport.js";
import { WhatsAppError, WhatsAppValidationError } from "../errors.js";
import { deleteNode, getFirst, listPath } from "./graph-calls.js";
import { type GraphContext, type GraphPage, type ListOptions, postJson, query } from "./graph-context.js";

/** A QR code (and wa.me link) that opens a chat with a prefilled message. */
export interface QrCode {
  /** 14-character id, e.g. `ANED2T5QRU7HG1`. */
  code: string;
  prefilledMessage: string;
  /** `https://wa.me/message/<code>`. */
  deepLinkUrl: string;
  /** The image, when a format was asked for. */
  qrImageUrl?: string;
}

/** Image format of a QR code. */
export type QrImageFormat = "SVG" | "PNG";

const fail = (field: string, rule: string): never => {
  throw new WhatsAppValidationError([{ field, rule }]);
};

/** Meta caps the prefilled message at 140 characters. */
function prefilled(value: unknown): string {
  if (typeof value !== "string" || value.trim() === "" || value.length > 140) {
    return fail("prefilledMessage", "a non-empty text of at most 140 characters");
  }
  return value;
}

function code(value: unknown): string {
  // 14 upper-case letters and digits. The v23.0 description's pattern [A-Z2-7]
  // rejects its own examples (ANED2T5QRU7HG1), so the examples win.
  return typeof value === "string" && /^[A-Z0-9]{14}$/.test(value)
    ? value
    : fail("code", "a 14-character QR code id (upper-case letters and digits)");
}

function format(value: unknown): QrImageFormat | undefined {
  if (value === undefined || value === "SVG" || value === "PNG") return value;
  return fail("imageFormat", "SVG or PNG");
}

function qrOf(raw: Record<string, unknown>): QrCode {
  if (typeof raw.code !== "string") throw new WhatsAppError("QR code answer without a code", "INVALID_RESPONSE");
  const qr: QrCode = {
    code: raw.code,
    prefilledMessage: typeof raw.prefilled_message === "string" ? raw.prefilled_message : "",
    deepLinkUrl: typeof raw.deep_link_url === "string" ? raw.deep_link_url : `https://wa.me/message/${raw.code}`,
  };
  if (typeof raw.qr_image_url === "string") qr.qrImageUrl = raw.qr_image_url;
  return qr;
}

const fields = (f: QrImageFormat | undefined): string =>
  `code,prefilled_message,deep_link_url${f ? `,qr_image_url.format(${f})` : ""}`;

/** Options of the QR code calls that can return the image. */
export interface QrImageOptions extends CallOptions {
  /** Also generate the image, in this format. */
  imageFormat?: QrImageFormat;
}

export async function createQrCode(ctx: GraphContext, message: string, options: QrImageOptions = {}): Promise<QrCode> {
  const body: Record<string, unknown> = { prefilled_message: prefilled(message) };
  const f = format(options.imageFormat);
  if (f) body.generate_qr_image = f;
  return qrOf(await postJson(ctx, `/${ctx.phoneNumberId}/message_qrdls`, body, options));
}

export async function updateQrCode(
  ctx: GraphContext,
  qrCode: string,
  message: string,
  options: CallOptions = {},
): Promise<QrCode> {
  const body = { code: code(qrCode), prefilled_message: prefilled(message) };
  // Setting the same message twice is harmless: an ambiguous failure may be retried.
  return qrOf(await postJson(ctx, `/${ctx.phoneNumberId}/message_qrdls`, body, options, true));
}

export async function listQrCodes(
  ctx: GraphContext,
  options: QrImageOptions & ListOptions = {},
): Promise<GraphPage<QrCode>> {
  const params = { fields: fields(format(options.imageFormat)) };
  return listPath(ctx, `/${ctx.phoneNumberId}/message_qrdls`, params, options, qrOf);
}

export async function getQrCode(
  ctx: GraphContext,
  qrCode: string,
  options: QrImageOptions = {},
): Promise<QrCode | undefined> {
  const path = `/${ctx.phoneNumberId}/message_qrdls/${code(qrCode)}${query({ fields: fields(format(options.imageFormat)) })}`;
  const first = await getFirst(ctx, path, options);
  return first === undefined ? undefined : qrOf(first);
}

export async function deleteQrCode(
  ctx: GraphContext,
  qrCode: string,
  options: CallOptions = {},
): Promise<{ success: boolean }> {
  return deleteNode(ctx, `/${ctx.phoneNumberId}/message_qrdls/${code(qrCode)}`, options);
}
