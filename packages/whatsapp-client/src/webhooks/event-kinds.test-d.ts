import { expectTypeOf, it } from "vitest";
import type { WEBHOOK_EVENT_KINDS, WebhookEvent, WebhookEventKind } from "../index.js";

it("the kinds list and the union are one fact", () => {
  expectTypeOf<WebhookEvent["kind"]>().toEqualTypeOf<WebhookEventKind>();
  expectTypeOf<(typeof WEBHOOK_EVENT_KINDS)[number]>().toEqualTypeOf<WebhookEvent["kind"]>();
});

it("each kind narrows to its event with its key fields", () => {
  const e = {} as WebhookEvent;
  if (e.kind === "template_status") expectTypeOf(e.templateName).toEqualTypeOf<string>();
  if (e.kind === "user_preference") expectTypeOf(e.waId).toEqualTypeOf<string>();
  if (e.kind === "message" && e.message.type === "edit")
    expectTypeOf(e.message.originalMessageId).toEqualTypeOf<string>();
  if (e.kind === "message" && e.message.type === "image")
    expectTypeOf(e.message.url).toEqualTypeOf<string | undefined>();
  if (e.kind === "group") expectTypeOf(e.initiatedBy).toEqualTypeOf<string | undefined>();
  if (e.kind === "automatic_event") {
    expectTypeOf(e.messageId).toEqualTypeOf<string>();
    expectTypeOf(e.amount).toEqualTypeOf<number | undefined>();
  }
  if (e.kind === "payment_configuration") expectTypeOf(e.configurationName).toEqualTypeOf<string>();
  if (e.kind === "partner_solution") expectTypeOf(e.solutionId).toEqualTypeOf<string>();
  if (e.kind === "message" && e.message.type === "system")
    expectTypeOf(e.message.marketing).toEqualTypeOf<"stop" | "resume" | (string & {}) | undefined>();
  if (e.kind === "unknown") expectTypeOf(e.raw).toEqualTypeOf<unknown>();
  if (e.kind === "unknown") expectTypeOf(e.key).toEqualTypeOf<string | undefined>();
  if (e.kind === "user_action") expectTypeOf(e.linkClick?.clickId).toEqualTypeOf<string | undefined>();
  if (e.kind === "message") expectTypeOf(e.groupId).toEqualTypeOf<string | undefined>();
});
