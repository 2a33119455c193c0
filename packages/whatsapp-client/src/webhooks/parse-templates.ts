// The template fields: status, quality, category and components updates.
import type { Change } from "./parse-context.js";
import { isObj, type Obj, objOrEmpty, optArr, optStr, optTime, pickStrings, reqStr } from "./read.js";
import type { TemplateButtonInfo, TemplateRef } from "./template-events.js";

function ref(value: Obj, change: Change): TemplateRef {
  const out: TemplateRef = {
    businessAccountId: change.businessAccountId,
    templateId: reqStr(value, "message_template_id", change.path),
    templateName: reqStr(value, "message_template_name", change.path),
    language: reqStr(value, "message_template_language", change.path),
    raw: value,
  };
  if (change.time) out.timestamp = change.time;
  return out;
}

export function readTemplateStatus(value: Obj, change: Change): void {
  const event = {
    kind: "template_status" as const,
    ...ref(value, change),
    status: reqStr(value, "event", change.path),
    ...pickStrings(value, { reason: "reason", message_template_category: "category" }),
    ...pickStrings(objOrEmpty(value, "other_info"), { title: "title", description: "description" }),
  };
  const disabledAt = optTime(objOrEmpty(value, "disable_info"), "disable_date");
  const rejection = pickStrings(objOrEmpty(value, "rejection_info"), {
    reason: "reason",
    recommendation: "recommendation",
  });
  change.out.push({
    ...event,
    ...(disabledAt ? { disabledAt } : {}),
    ...(Object.keys(rejection).length > 0 ? { rejection } : {}),
  });
}

export function readTemplateQuality(value: Obj, change: Change): void {
  change.out.push({
    kind: "template_quality",
    ...ref(value, change),
    quality: reqStr(value, "new_quality_score", change.path),
    ...pickStrings(value, { previous_quality_score: "previousQuality" }),
  });
}

export function readTemplateCategory(value: Obj, change: Change): void {
  const changesAt = optTime(value, "category_update_timestamp");
  change.out.push({
    kind: "template_category",
    ...ref(value, change),
    category: reqStr(value, "new_category", change.path),
    ...pickStrings(value, { previous_category: "previousCategory", correct_category: "correctCategory" }),
    ...(changesAt ? { changesAt } : {}),
  });
}

export function readTemplateComponents(value: Obj, change: Change): void {
  const buttons: TemplateButtonInfo[] = optArr(value, "message_template_buttons", change.path)
    .filter(isObj)
    .map((b) => ({
      type: optStr(b, "message_template_button_type") ?? "",
      ...pickStrings(b, {
        message_template_button_text: "text",
        message_template_button_url: "url",
        message_template_button_phone_number: "phoneNumber",
      }),
    }));
  change.out.push({
    kind: "template_components",
    ...ref(value, change),
    ...pickStrings(value, {
      message_template_element: "body",
      message_template_title: "header",
      message_template_footer: "footer",
    }),
    buttons,
  });
}
