// The account-level fields: account_update, account_review_update, account_alerts,
// business_capability_update, phone_number_name_update, phone_number_quality_update, security, flows,
// payment_configuration_update, partner_solutions.
import type { AccountRestriction } from "./account-events.js";
import type { Change } from "./parse-context.js";
import { isObj, type Obj, objOrEmpty, optNum, optStr, optTime, pickStrings, reqObj, reqStr } from "./read.js";

function base(value: Obj, change: Change) {
  return {
    businessAccountId: change.businessAccountId,
    ...(change.time ? { timestamp: change.time } : {}),
    raw: value,
  };
}

/** Meta documents `restriction_info` as an array; some payloads carry one object (`restrictions`). */
function restrictions(value: Obj): AccountRestriction[] {
  const given = value.restriction_info ?? value.restrictions;
  const list = Array.isArray(given) ? given : given === undefined ? [] : [given];
  return list.filter(isObj).map((r) => {
    const expiresAt = optTime(r, "expiration");
    return { type: optStr(r, "restriction_type") ?? "", ...(expiresAt ? { expiresAt } : {}) };
  });
}

export function readAccountUpdate(value: Obj, change: Change): void {
  const ban = objOrEmpty(value, "ban_info");
  const state = ban.waba_ban_state;
  const banStates = (Array.isArray(state) ? state : [state]).filter((s): s is string => typeof s === "string");
  const violationType = optStr(objOrEmpty(value, "violation_info"), "violation_type");
  change.out.push({
    kind: "account_update",
    ...base(value, change),
    event: reqStr(value, "event", change.path),
    restrictions: restrictions(value),
    ...(banStates.length > 0 ? { banStates } : {}),
    ...pickStrings(ban, { waba_ban_date: "banDate" }),
    ...(violationType === undefined ? {} : { violationType }),
    ...pickStrings(value, { country: "country" }),
  });
}

export function readAccountReview(value: Obj, change: Change): void {
  change.out.push({
    kind: "account_review",
    ...base(value, change),
    decision: reqStr(value, "decision", change.path),
  });
}

export function readAccountAlert(value: Obj, change: Change): void {
  const info = reqObj(value, "alert_info", change.path);
  const p = `${change.path}.alert_info`;
  change.out.push({
    kind: "account_alert",
    ...base(value, change),
    entityType: reqStr(value, "entity_type", change.path),
    entityId: reqStr(value, "entity_id", change.path),
    severity: reqStr(info, "alert_severity", p),
    status: optStr(info, "alert_status") ?? "",
    alertType: reqStr(info, "alert_type", p),
    ...pickStrings(info, { alert_description: "description" }),
  });
}

export function readBusinessCapability(value: Obj, change: Change): void {
  const perPhone = optNum(value, "max_daily_conversation_per_phone");
  const perBusiness = optNum(value, "max_phone_numbers_per_business");
  const perWaba = optNum(value, "max_phone_numbers_per_waba");
  change.out.push({
    kind: "business_capability",
    ...base(value, change),
    ...(perPhone === undefined ? {} : { maxDailyConversationsPerPhone: perPhone }),
    ...pickStrings(value, { max_daily_conversations_per_business: "maxDailyConversationsPerBusiness" }),
    ...(perBusiness === undefined ? {} : { maxPhoneNumbersPerBusiness: perBusiness }),
    ...(perWaba === undefined ? {} : { maxPhoneNumbersPerWaba: perWaba }),
  });
}

export function readPhoneNumberName(value: Obj, change: Change): void {
  change.out.push({
    kind: "phone_number_name",
    ...base(value, change),
    displayPhoneNumber: reqStr(value, "display_phone_number", change.path),
    decision: reqStr(value, "decision", change.path),
    ...pickStrings(value, { requested_verified_name: "requestedName", rejection_reason: "rejectionReason" }),
  });
}

/** The number and what happened to it, as the number-level account fields give them. */
function numberChange(value: Obj, change: Change) {
  return {
    ...base(value, change),
    displayPhoneNumber: reqStr(value, "display_phone_number", change.path),
    event: reqStr(value, "event", change.path),
  };
}

export function readPhoneNumberQuality(value: Obj, change: Change): void {
  change.out.push({
    kind: "phone_number_quality",
    ...numberChange(value, change),
    ...pickStrings(value, {
      current_limit: "currentLimit",
      old_limit: "oldLimit",
      max_daily_conversations_per_business: "maxDailyConversationsPerBusiness",
    }),
  });
}

export function readSecurity(value: Obj, change: Change): void {
  change.out.push({
    kind: "security",
    ...numberChange(value, change),
    ...pickStrings(value, { requester: "requester" }),
  });
}

export function readFlow(value: Obj, change: Change): void {
  const threshold = optNum(value, "threshold");
  change.out.push({
    kind: "flow",
    ...base(value, change),
    flowId: reqStr(value, "flow_id", change.path),
    event: reqStr(value, "event", change.path),
    ...pickStrings(value, {
      message: "message",
      old_status: "oldStatus",
      new_status: "newStatus",
      alert_state: "alertState",
    }),
    ...(threshold === undefined ? {} : { threshold }),
  });
}

export function readPaymentConfiguration(value: Obj, change: Change): void {
  const createdAt = optTime(value, "created_timestamp");
  const updatedAt = optTime(value, "updated_timestamp");
  change.out.push({
    kind: "payment_configuration",
    ...base(value, change),
    configurationName: reqStr(value, "configuration_name", change.path),
    status: reqStr(value, "status", change.path),
    ...pickStrings(value, { provider_name: "providerName", provider_mid: "providerMid" }),
    ...(createdAt ? { createdAt } : {}),
    ...(updatedAt ? { updatedAt } : {}),
  });
}

export function readPartnerSolution(value: Obj, change: Change): void {
  change.out.push({
    kind: "partner_solution",
    ...base(value, change),
    event: reqStr(value, "event", change.path),
    solutionId: reqStr(value, "solution_id", change.path),
    status: reqStr(value, "solution_status", change.path),
  });
}
