// The operator inbox (human handoff, issue 22): what the bot and the tests use.
export type { CaseInfo } from "./case-info.ts";
export { type InboxEnv, inboxEnv } from "./config.ts";
export { CANNED_REPLIES, type InboxHttp, type InboxWiring, wireInbox } from "./create-inbox.ts";
export type { InboxBus, InboxEvent } from "./events.ts";
export type { InboxFigures } from "./figures.ts";
export { Inbox, InboxRefusal, type OperatorMessage } from "./inbox.ts";
export { INBOX_ROLES, type Operator } from "./operator-auth.ts";
export { INBOX_ROUTES } from "./routes.ts";
export type { ConversationSummary, InboxEntry, InboxStore } from "./types.ts";
export { SERVICE_WINDOW_MS } from "./window.ts";
