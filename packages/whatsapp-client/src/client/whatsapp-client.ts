import { Agent, type Dispatcher } from "undici";
import type { z } from "zod";
import { WhatsAppError, WhatsAppValidationError } from "../errors.js";
import type { MediaKind } from "../media/limits.js";
import {
  deleteMedia,
  downloadMedia,
  getMediaUrl,
  type MediaDownload,
  type MediaFile,
  type MediaInfo,
  uploadMedia,
} from "../media/media-api.js";
import {
  type CatalogContent,
  catalogInteractive,
  catalogSchema,
  type ProductContent,
  type ProductListContent,
  productInteractive,
  productListInteractive,
  productListSchema,
  productSchema,
} from "../messages/commerce.js";
import { type FlowMessageContent, flowInteractive, flowMessageSchema } from "../messages/flow-message.js";
import {
  callbackData,
  contactsSchema,
  ctaUrlSchema,
  interactiveBody,
  listSchema,
  locationSchema,
  mediaSchemas,
  messageId,
  replyButtonsSchema,
  templateSchema,
  textBody,
} from "../messages/schemas.js";
import type {
  AudioContent,
  ContactCard,
  CtaUrlContent,
  DocumentContent,
  ImageContent,
  ListContent,
  LocationContent,
  MarkAsReadOptions,
  ReplyButtonsContent,
  SendOptions,
  SendResult,
  StickerContent,
  TextOptions,
  VideoContent,
} from "../messages/types.js";
import {
  contactObject,
  defined,
  envelope,
  interactive,
  mediaObject,
  type ValidMedia,
  type WireObject,
} from "../messages/wire.js";
import { normalizePhone } from "../phone/normalize-phone.js";
import type { TemplateContent } from "../templates/types.js";
import { validate } from "../validation.js";
import { AccountCalls } from "./account-calls.js";
import { limiterKeys, waitForSlot } from "./limiter.js";
import { type ResolvedOptions, resolveOptions, type WhatsAppClientOptions } from "./options.js";
import { type CallOptions, Transport } from "./transport.js";

const GRAPHEMES = new Intl.Segmenter();

interface MessagesResponse {
  messages?: Array<{ id?: unknown }>;
}

/**
 * Client of the WhatsApp Cloud API: every outbound message type, media,
 * templates, typed errors and retries, over a keep-alive undici pool.
 *
 * @example
 * const wa = new WhatsAppClient({ accessToken: process.env.WA_TOKEN!, phoneNumberId: "1234567890" });
 * const { messageId } = await wa.sendText("06 123 4567", "Votre livreur arrive 🛵");
 * await wa.sendReplyButtons("242061234567", {
 *   body: "Confirmer la livraison ?",
 *   buttons: [{ id: "yes", title: "Oui" }, { id: "no", title: "Non" }],
 * }, { replyTo: messageId });
 */
export class WhatsAppClient extends AccountCalls {
  readonly #options: ResolvedOptions;
  readonly #transport: Transport;
  readonly #ownedAgent: Agent | undefined;
  readonly #messagesPath: string;

  constructor(options: WhatsAppClientOptions) {
    const resolved = resolveOptions(options);
    const ownedAgent = resolved.dispatcher
      ? undefined
      : new Agent({
          keepAliveTimeout: 30_000,
          connections: 128,
          headersTimeout: resolved.timeoutMs,
          bodyTimeout: resolved.timeoutMs,
        });
    const dispatcher: Dispatcher = resolved.dispatcher ?? (ownedAgent as Agent);
    const transport = new Transport({
      baseUrl: resolved.baseUrl,
      apiVersion: resolved.apiVersion,
      accessToken: resolved.accessToken,
      dispatcher,
      timeoutMs: resolved.timeoutMs,
      dispatcherHasTimeouts: ownedAgent !== undefined,
      retry: resolved.retry,
      logger: resolved.logger ?? { debug() {}, info() {}, warn() {}, error() {} },
    });
    super(
      { transport, phoneNumberId: resolved.phoneNumberId, businessAccountId: resolved.businessAccountId },
      resolved.defaultCountry,
    );
    this.#options = resolved;
    this.#ownedAgent = ownedAgent;
    this.#transport = transport;
    this.#messagesPath = `/${resolved.phoneNumberId}/messages`;
  }

  /** The business phone number id this client sends from. */
  get phoneNumberId(): string {
    return this.#options.phoneNumberId;
  }

  /** The Graph API version in use. */
  get apiVersion(): string {
    return this.#options.apiVersion;
  }

  /** Closes the connection pool the client created (not a dispatcher you passed in). */
  async close(): Promise<void> {
    await this.#ownedAgent?.close();
  }

  /** Sends a text message (at most 4096 characters). */
  async sendText(to: string, body: string, options: TextOptions = {}): Promise<SendResult> {
    const text = validate(textBody, body, "body");
    const content: WireObject =
      options.previewUrl === undefined ? { body: text } : { preview_url: options.previewUrl, body: text };
    return this.#send(to, "text", content, options);
  }

  /** Sends an image by https link or media id, with an optional caption. */
  async sendImage(to: string, image: ImageContent, options?: SendOptions): Promise<SendResult> {
    return this.#sendMedia(to, "image", image, options);
  }

  /** Sends a video by https link or media id, with an optional caption. */
  async sendVideo(to: string, video: VideoContent, options?: SendOptions): Promise<SendResult> {
    return this.#sendMedia(to, "video", video, options);
  }

  /** Sends an audio file by https link or media id. */
  async sendAudio(to: string, audio: AudioContent, options?: SendOptions): Promise<SendResult> {
    return this.#sendMedia(to, "audio", audio, options);
  }

  /** Sends a document by https link or media id, with an optional caption and file name. */
  async sendDocument(to: string, document: DocumentContent, options?: SendOptions): Promise<SendResult> {
    return this.#sendMedia(to, "document", document, options);
  }

  /** Sends a WebP sticker by https link or media id. */
  async sendSticker(to: string, sticker: StickerContent, options?: SendOptions): Promise<SendResult> {
    return this.#sendMedia(to, "sticker", sticker, options);
  }

  /** Sends a location pin. */
  async sendLocation(to: string, location: LocationContent, options?: SendOptions): Promise<SendResult> {
    const l = validate(locationSchema, location, "location");
    return this.#send(to, "location", defined({ ...l }), options);
  }

  /** Sends one or more contact cards. */
  async sendContacts(to: string, contacts: ContactCard[], options?: SendOptions): Promise<SendResult> {
    const cards = validate(contactsSchema, contacts, "contacts");
    return this.#send(to, "contacts", cards.map(contactObject), options);
  }

  /** Sends a body with one to three reply buttons. */
  async sendReplyButtons(to: string, content: ReplyButtonsContent, options?: SendOptions): Promise<SendResult> {
    const c = validate(replyButtonsSchema, content, "content");
    const action = { buttons: c.buttons.map((b) => ({ type: "reply", reply: { id: b.id, title: b.title } })) };
    return this.#send(to, "interactive", interactive("button", c.body, action, c.header, c.footer), options);
  }

  /** Sends a list message: a button opening up to 10 rows grouped in sections. */
  async sendList(to: string, content: ListContent, options?: SendOptions): Promise<SendResult> {
    const c = validate(listSchema, content, "content");
    const action = {
      button: c.button,
      sections: c.sections.map((s) => defined({ title: s.title, rows: s.rows.map((r) => defined({ ...r })) })),
    };
    return this.#send(to, "interactive", interactive("list", c.body, action, c.header, c.footer), options);
  }

  /** Sends a call-to-action button that opens an https URL. */
  async sendCtaUrl(to: string, content: CtaUrlContent, options?: SendOptions): Promise<SendResult> {
    const c = validate(ctaUrlSchema, content, "content");
    const action = { name: "cta_url", parameters: { display_text: c.displayText, url: c.url } };
    return this.#send(to, "interactive", interactive("cta_url", c.body, action, c.header, c.footer), options);
  }

  /** Sends one product of a Meta catalogue; the user can add it to a cart (answered by an `order` webhook). */
  async sendProduct(to: string, content: ProductContent, options?: SendOptions): Promise<SendResult> {
    return this.#send(to, "interactive", productInteractive(validate(productSchema, content, "content")), options);
  }

  /** Sends up to 30 products of a catalogue in up to 10 sections, under a text header. */
  async sendProductList(to: string, content: ProductListContent, options?: SendOptions): Promise<SendResult> {
    return this.#send(
      to,
      "interactive",
      productListInteractive(validate(productListSchema, content, "content")),
      options,
    );
  }

  /** Sends the whole catalogue behind a "View catalog" button. */
  async sendCatalog(to: string, content: CatalogContent, options?: SendOptions): Promise<SendResult> {
    return this.#send(to, "interactive", catalogInteractive(validate(catalogSchema, content, "content")), options);
  }

  /**
   * Sends a Flow message: a button opening the Flow (by id or name) on
   * `screen` (`mode: "navigate"`, the default) or on what your endpoint
   * answers (`mode: "data_exchange"`).
   */
  async sendFlow(to: string, content: FlowMessageContent, options?: SendOptions): Promise<SendResult> {
    return this.#send(to, "interactive", flowInteractive(validate(flowMessageSchema, content, "content")), options);
  }

  /** Asks the user to share their location (a "Send location" button under `body`). */
  async sendLocationRequest(to: string, body: string, options?: SendOptions): Promise<SendResult> {
    const text = validate(interactiveBody, body, "body");
    const content = interactive("location_request_message", text, { name: "send_location" }, undefined, undefined);
    return this.#send(to, "interactive", content, options);
  }

  /** Reacts to a message with an emoji; an empty `emoji` removes the reaction. */
  async sendReaction(to: string, reactedMessageId: string, emoji: string, options?: SendOptions): Promise<SendResult> {
    const id = validate(messageId, reactedMessageId, "messageId");
    if (typeof emoji !== "string" || [...GRAPHEMES.segment(emoji)].length > 1) {
      throw new WhatsAppValidationError([{ field: "emoji", rule: "a single emoji, or empty to remove the reaction" }]);
    }
    return this.#send(to, "reaction", { message_id: id, emoji }, options);
  }

  /** Sends an approved template; build parameters with `textParameter`, `currencyParameter`, etc. */
  async sendTemplate(to: string, template: TemplateContent, options?: SendOptions): Promise<SendResult> {
    const t = validate(templateSchema, template, "template");
    const content: WireObject = { name: t.name, language: { policy: "deterministic", code: t.language } };
    if (t.components !== undefined) content.components = t.components;
    return this.#send(to, "template", content, options);
  }

  /** Marks an incoming message as read (blue ticks), optionally showing the typing indicator. */
  async markAsRead(incomingMessageId: string, options: MarkAsReadOptions = {}): Promise<{ success: boolean }> {
    const id = validate(messageId, incomingMessageId, "messageId");
    const body: WireObject = { messaging_product: "whatsapp", status: "read", message_id: id };
    if (options.typing) body.typing_indicator = { type: "text" };
    if (this.#options.limiter) {
      await waitForSlot(this.#options.limiter, limiterKeys.business(this.#options.phoneNumberId), options.signal);
    }
    // Marking as read twice is harmless, so an ambiguous failure may be retried.
    const idempotent = true;
    const res = await this.#transport.call<{ success?: unknown }>(
      "POST",
      this.#messagesPath,
      JSON.stringify(body),
      options,
      idempotent,
    );
    return { success: res.success === true };
  }

  /** Uploads a file (type and size checked first) and resolves to its media id. */
  uploadMedia(file: MediaFile, options?: CallOptions): Promise<{ id: string; kind: MediaKind }> {
    return uploadMedia(this.#transport, this.#options.phoneNumberId, file, options);
  }

  /** Resolves a media id to its short-lived URL, MIME type, hash and size. */
  getMediaUrl(mediaId: string, options?: CallOptions): Promise<MediaInfo> {
    return getMediaUrl(this.#transport, this.#options.phoneNumberId, mediaId, options);
  }

  /** Downloads a media by id (or by the URL from `getMediaUrl`) as a stream, with the bearer token. */
  downloadMedia(mediaIdOrUrl: string, options?: CallOptions): Promise<MediaDownload> {
    return downloadMedia(this.#transport, this.#options.phoneNumberId, mediaIdOrUrl, options);
  }

  /** Deletes an uploaded media. */
  deleteMedia(mediaId: string, options?: CallOptions): Promise<{ success: boolean }> {
    return deleteMedia(this.#transport, this.#options.phoneNumberId, mediaId, options);
  }

  /** Hides the token from `util.inspect` and `JSON.stringify`. */
  toJSON(): Record<string, string> {
    return {
      phoneNumberId: this.#options.phoneNumberId,
      ...(this.#options.businessAccountId ? { businessAccountId: this.#options.businessAccountId } : {}),
      apiVersion: this.#options.apiVersion,
      baseUrl: this.#options.baseUrl,
    };
  }

  #sendMedia(
    to: string,
    type: keyof typeof mediaSchemas,
    media: unknown,
    options: SendOptions | undefined,
  ): Promise<SendResult> {
    const m = validate(mediaSchemas[type] as z.ZodType<ValidMedia>, media, type);
    return this.#send(to, type, mediaObject(m), options);
  }

  async #send(to: string, type: string, content: unknown, options: SendOptions = {}): Promise<SendResult> {
    const recipient = normalizePhone(to, { defaultCountry: this.#options.defaultCountry, field: "to" });
    const replyTo = options.replyTo === undefined ? undefined : validate(messageId, options.replyTo, "replyTo");
    const wire = envelope(recipient, type, content, replyTo);
    if (options.bizOpaqueCallbackData !== undefined) {
      wire.biz_opaque_callback_data = validate(callbackData, options.bizOpaqueCallbackData, "bizOpaqueCallbackData");
    }
    const body = JSON.stringify(wire);
    const limiter = this.#options.limiter;
    if (limiter) {
      const id = this.#options.phoneNumberId;
      await waitForSlot(limiter, limiterKeys.business(id), options.signal);
      await waitForSlot(limiter, limiterKeys.pair(id, recipient), options.signal);
    }
    const res = await this.#transport.call<MessagesResponse>("POST", this.#messagesPath, body, options);
    const id = res.messages?.[0]?.id;
    if (typeof id !== "string") throw new WhatsAppError("WhatsApp answered without a message id", "INVALID_RESPONSE");
    return { messageId: id };
  }
}
