import type { InboundMessage } from "../messaging/inbound.js";

/**
 * The JSON form of an inbound message in a mailbox: what the engine reads, nothing more
 * (the webhook's `raw` object is dropped), with the timestamp as epoch ms.
 */
interface InboundRecord {
  id: string;
  from: string;
  ts?: number;
  name?: string;
  message: InboundMessage["message"];
  context?: unknown;
}

/** Serialises a message for a mailbox. */
export function encodeInbound(message: InboundMessage): string {
  const record: InboundRecord = { id: message.id, from: message.from, message: message.message };
  if (message.timestamp instanceof Date) record.ts = message.timestamp.getTime();
  if (message.contactName !== undefined) record.name = message.contactName;
  const context = (message as { context?: unknown }).context;
  if (context !== undefined) record.context = context;
  return JSON.stringify(record);
}

/**
 * How every record of message `id` starts ({@link encodeInbound} writes `id` first): lets a store
 * recognise a record by its id without parsing it.
 */
export function encodedPrefix(id: string): string {
  return `{"id":${JSON.stringify(id)},`;
}

/** Reads back what {@link encodeInbound} wrote. */
export function decodeInbound(json: string): InboundMessage {
  const record = JSON.parse(json) as InboundRecord;
  const message: InboundMessage & { context?: unknown } = {
    id: record.id,
    from: record.from,
    message: record.message,
  };
  if (record.ts !== undefined) message.timestamp = new Date(record.ts);
  if (record.name !== undefined) message.contactName = record.name;
  if (record.context !== undefined) message.context = record.context;
  return message;
}
