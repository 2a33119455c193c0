/**
 * How long the flows' stores remember by default, in ms: one day. The one owner of this default for
 * - a conversation's session after its last write (`MemorySessionStore`, `RedisSessionStore`: `ttlMs`):
 *   a user back after a day starts afresh, as WhatsApp's 24-hour customer-service window also ends;
 * - an inbound message id, to refuse a redelivery of it (`MemoryMailbox`, `RedisMailbox`: `dedupeWindowMs`).
 * Each option can be set on its own; only the default is shared.
 */
export const DEFAULT_RETENTION_MS = 24 * 60 * 60 * 1000;
