/** Options accepted by every send. */
export interface SendOptions {
  /** Id of the message this one replies to; sent as `context.message_id`. */
  replyTo?: string;
  /** Your tracking data (≤ 512 characters), returned as `bizOpaqueCallbackData` on this message's status webhooks. */
  bizOpaqueCallbackData?: string;
  /** Cancels the request (and any retry wait). */
  signal?: AbortSignal;
  /** Overrides the client's per-request timeout for this call. */
  timeoutMs?: number;
}

/** Options of `sendText`. */
export interface TextOptions extends SendOptions {
  /** Ask WhatsApp to render a preview of the first URL in the body. */
  previewUrl?: boolean;
}

/** Media referenced by a public https URL or by the id of an uploaded media. */
export type MediaSource = { link: string; id?: undefined } | { id: string; link?: undefined };

/** An image (JPEG or PNG, at most 5 MB) with an optional caption. */
export type ImageContent = MediaSource & { caption?: string };
/** A video (MP4 or 3GPP, at most 16 MB) with an optional caption. */
export type VideoContent = MediaSource & { caption?: string };
/** An audio file or voice note (at most 16 MB). */
export type AudioContent = MediaSource;
/** A document with an optional caption and the file name shown to the user. */
export type DocumentContent = MediaSource & { caption?: string; filename?: string };
/** A WebP sticker (100 KB static, 500 KB animated). */
export type StickerContent = MediaSource;

/** A location pin. */
export interface LocationContent {
  latitude: number;
  longitude: number;
  name?: string;
  address?: string;
}

/** A contact card; camelCase here, snake_case on the wire. */
export interface ContactCard {
  name: {
    formattedName: string;
    firstName?: string;
    lastName?: string;
    middleName?: string;
    prefix?: string;
    suffix?: string;
  };
  phones?: Array<{ phone: string; type?: string; waId?: string }>;
  emails?: Array<{ email: string; type?: string }>;
  org?: { company?: string; department?: string; title?: string };
  urls?: Array<{ url: string; type?: string }>;
  addresses?: Array<{
    street?: string;
    city?: string;
    state?: string;
    zip?: string;
    country?: string;
    countryCode?: string;
    type?: string;
  }>;
  /** `YYYY-MM-DD`. */
  birthday?: string;
}

/** Header of an interactive message: a text (string) or a media. */
export type InteractiveHeader =
  | string
  | { image: MediaSource }
  | { video: MediaSource }
  | { document: MediaSource & { filename?: string } };

/** One reply button. */
export interface ReplyButton {
  /** Returned in the `button_reply` webhook; unique, at most 256 characters. */
  id: string;
  /** Shown on the button; unique, at most 20 characters. */
  title: string;
}

/** Up to three reply buttons under a body. */
export interface ReplyButtonsContent {
  body: string;
  buttons: ReplyButton[];
  header?: InteractiveHeader;
  footer?: string;
}

/** One row of a list message. */
export interface ListRow {
  id: string;
  title: string;
  description?: string;
}

/** A section of a list message. */
export interface ListSection {
  title?: string;
  rows: ListRow[];
}

/** A list message: a button opening up to 10 rows in sections. */
export interface ListContent {
  body: string;
  /** Label of the button that opens the list, at most 20 characters. */
  button: string;
  sections: ListSection[];
  /** Text header only. */
  header?: string;
  footer?: string;
}

/** A call-to-action button opening an https URL. */
export interface CtaUrlContent {
  body: string;
  displayText: string;
  url: string;
  header?: InteractiveHeader;
  footer?: string;
}

/** The result of every send. */
export interface SendResult {
  /** The `wamid.…` id, the key of later status webhooks. */
  messageId: string;
}

/** Options of `markAsRead`. */
export interface MarkAsReadOptions {
  /** Also show the typing indicator (up to 25 s or until the next message). */
  typing?: boolean;
  signal?: AbortSignal;
  timeoutMs?: number;
}
