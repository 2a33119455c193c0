// Fields tied to one business number besides `messages`: calls, user_preferences, groups,
// automatic_events, and the WhatsApp Business app fields smb_message_echoes, smb_app_state_sync and history.
import type { HistoryMessage } from "./number-events.js";
import { type Change, eachItem, numberScope } from "./parse-context.js";
import { readInboundMessage } from "./parse-message.js";
import { contactNames, nameOf, readStatus, readValueErrors } from "./parse-messages-field.js";
import {
  isObj,
  malformed,
  type Obj,
  objOrEmpty,
  optArr,
  optNum,
  optStr,
  optTime,
  pickStrings,
  readErrors,
  reqStr,
  reqTime,
} from "./read.js";

function obj(raw: unknown, path: string): Obj {
  return isObj(raw) ? raw : malformed(path, "expected an object");
}

export function readCalls(value: Obj, change: Change): void {
  const scope = numberScope(value, change);
  eachItem(value, "calls", change, (raw, path) => {
    const c = obj(raw, path);
    const session = objOrEmpty(c, "session");
    const startedAt = optTime(c, "start_time");
    const endedAt = optTime(c, "end_time");
    const durationSeconds = optNum(c, "duration");
    const errors = readErrors(optArr(c, "errors", path));
    return {
      kind: "call",
      ...scope,
      id: reqStr(c, "id", path),
      from: reqStr(c, "from", path),
      to: reqStr(c, "to", path),
      event: reqStr(c, "event", path),
      timestamp: reqTime(c, "timestamp", path),
      ...pickStrings(c, {
        direction: "direction",
        status: "status",
        biz_opaque_callback_data: "bizOpaqueCallbackData",
      }),
      ...(startedAt ? { startedAt } : {}),
      ...(endedAt ? { endedAt } : {}),
      ...(durationSeconds === undefined ? {} : { durationSeconds }),
      ...(typeof session.sdp === "string"
        ? { session: { sdpType: optStr(session, "sdp_type") ?? "", sdp: session.sdp } }
        : {}),
      ...(errors.length > 0 ? { errors } : {}),
      raw: c,
    };
  });
  // A call the business placed reports RINGING, ACCEPTED or REJECTED as a status (`type: "call"`).
  eachItem(value, "statuses", change, (raw, path) => readStatus(raw, path, scope));
  readValueErrors(value, scope, change);
}

export function readMessageEchoes(value: Obj, change: Change): void {
  const scope = numberScope(value, change);
  eachItem(value, "message_echoes", change, (raw, path) => {
    const m = obj(raw, path);
    return {
      kind: "message_echo",
      ...scope,
      id: reqStr(m, "id", path),
      from: reqStr(m, "from", path),
      to: reqStr(m, "to", path),
      timestamp: reqTime(m, "timestamp", path),
      message: readInboundMessage(m, path),
      raw: m,
    };
  });
}

export function readStateSync(value: Obj, change: Change): void {
  const scope = numberScope(value, change);
  eachItem(value, "state_sync", change, (raw, path) => {
    const s = obj(raw, path);
    // Only contacts are synchronised today; another type is kept for what it is rather than misread.
    if (optStr(s, "type") !== "contact") return { kind: "unknown", ...scope, field: change.field, raw: s };
    const contact = objOrEmpty(s, "contact");
    const timestamp = optTime(objOrEmpty(s, "metadata"), "timestamp");
    return {
      kind: "contact_sync",
      ...scope,
      action: reqStr(s, "action", path),
      phoneNumber: reqStr(contact, "phone_number", `${path}.contact`),
      ...pickStrings(contact, { full_name: "fullName", first_name: "firstName" }),
      ...(timestamp ? { timestamp } : {}),
    };
  });
}

export function readUserPreferences(value: Obj, change: Change): void {
  const scope = numberScope(value, change);
  const names = contactNames(value, change);
  eachItem(value, "user_preferences", change, (raw, path) => {
    const u = obj(raw, path);
    const waId = reqStr(u, "wa_id", path);
    const contactName = nameOf(names, waId);
    return {
      kind: "user_preference",
      ...scope,
      waId,
      ...(contactName === undefined ? {} : { contactName }),
      category: reqStr(u, "category", path),
      value: reqStr(u, "value", path),
      ...pickStrings(u, { detail: "detail" }),
      timestamp: reqTime(u, "timestamp", path),
    };
  });
}

function historyMessage(raw: unknown, path: string): HistoryMessage {
  const m = obj(raw, path);
  const status = optStr(objOrEmpty(m, "history_context"), "status");
  return {
    id: reqStr(m, "id", path),
    from: reqStr(m, "from", path),
    ...pickStrings(m, { to: "to" }),
    timestamp: reqTime(m, "timestamp", path),
    ...(status === undefined ? {} : { status }),
    message: readInboundMessage(m, path),
  };
}

export function readHistory(value: Obj, change: Change): void {
  const scope = numberScope(value, change);
  eachItem(value, "history", change, (raw, path) => {
    const h = obj(raw, path);
    const meta = objOrEmpty(h, "metadata");
    const threads = optArr(h, "threads", path).map((t, i) => {
      const tp = `${path}.threads[${i}]`;
      const thread = obj(t, tp);
      return {
        userId: reqStr(thread, "id", tp),
        messages: optArr(thread, "messages", tp).map((m, j) => historyMessage(m, `${tp}.messages[${j}]`)),
      };
    });
    const phase = optNum(meta, "phase");
    const chunkOrder = optNum(meta, "chunk_order");
    const progress = optNum(meta, "progress");
    return {
      kind: "history",
      ...scope,
      ...(phase === undefined ? {} : { phase }),
      ...(chunkOrder === undefined ? {} : { chunkOrder }),
      ...(progress === undefined ? {} : { progress }),
      threads,
    };
  });
  // A business that declined to share its history gets `value.errors` (e.g. 2593109) instead.
  readValueErrors(value, scope, change);
}

function participants(g: Obj, key: string, path: string): string[] {
  return optArr(g, key, path)
    .filter(isObj)
    .map((p) => optStr(p, "wa_id") ?? optStr(p, "input") ?? "")
    .filter((id) => id !== "");
}

export function readGroups(value: Obj, change: Change): void {
  const scope = numberScope(value, change);
  eachItem(value, "groups", change, (raw, path) => {
    const g = obj(raw, path);
    const errors = readErrors(optArr(g, "errors", path));
    return {
      kind: "group",
      ...scope,
      field: change.field,
      groupId: reqStr(g, "group_id", path),
      type: reqStr(g, "type", path),
      ...pickStrings(g, { request_id: "requestId", subject: "subject", initiated_by: "initiatedBy" }),
      timestamp: reqTime(g, "timestamp", path),
      addedParticipants: participants(g, "added_participants", path),
      removedParticipants: participants(g, "removed_participants", path),
      // A request that failed in whole or in part says why here (e.g. a participant who could not be removed).
      ...(errors.length > 0 ? { errors } : {}),
      raw: g,
    };
  });
}

export function readAutomaticEvents(value: Obj, change: Change): void {
  const scope = numberScope(value, change);
  eachItem(value, "automatic_events", change, (raw, path) => {
    const a = obj(raw, path);
    const data = objOrEmpty(a, "custom_data");
    // Meta sends the purchase amount multiplied by 1000 (25000 for 25.00).
    const thousandths = optNum(data, "value");
    const currency = optStr(data, "currency");
    return {
      kind: "automatic_event",
      ...scope,
      messageId: reqStr(a, "id", path),
      eventName: reqStr(a, "event_name", path),
      timestamp: reqTime(a, "timestamp", path),
      ...pickStrings(a, { ctwa_clid: "ctwaClid" }),
      ...(thousandths === undefined ? {} : { amount: thousandths / 1000 }),
      ...(currency === undefined ? {} : { currency }),
      raw: a,
    };
  });
}
