import type { AlertNotification } from "@toktok/analytics";
import { isOutsideWindowError } from "@toktok/flows";
import { textParameter } from "@toktok/whatsapp-client";
import { type Logger, signEvent } from "@toktok-example/shared";
import { alertText } from "./alert-text.ts";

/** What the alerts are sent through: the bot's WhatsApp client fits as is. */
export interface AlertMessenger {
  sendText(to: string, body: string): Promise<unknown>;
  sendTemplate(
    to: string,
    template: {
      name: string;
      language: string;
      components?: { type: "body"; parameters: ReturnType<typeof textParameter>[] }[];
    },
  ): Promise<unknown>;
}

/** Where alerts go; each part is optional. */
export interface AlertTargets {
  whatsapp?: {
    messenger: AlertMessenger;
    /** WhatsApp ids (digits) of the operators. */
    to: readonly string[];
    /** Approved template sent when an operator's 24-hour window is closed, its one body parameter the text. */
    template?: { name: string; language: string };
  };
  /** JSON POSTed and signed with HMAC-SHA256 exactly as the notification relay checks (`x-toktok-signature`). */
  webhook?: { url: string; secret: string; timeoutMs?: number };
  logger: Logger;
}

/** Template parameters have no line breaks (Meta refuses them): the text on one line. */
const oneLine = (text: string) => text.replace(/\s*\n+\s*/g, " — ").slice(0, 1_000);

/**
 * The `notify` of `monitorAlerts`: each notification to every operator number (a session text; the
 * template when the 24-hour window is closed) and to the webhook. Every target is tried; when one fails
 * the call rejects naming how many (the monitor reports it), the others are still told.
 */
export function createAlertNotifier(targets: AlertTargets): (notification: AlertNotification) => Promise<void> {
  const { logger } = targets;
  return async (notification) => {
    const failures: string[] = [];
    const text = alertText(notification);
    const wa = targets.whatsapp;
    for (const to of wa?.to ?? []) {
      try {
        await sendToOperator(wa as NonNullable<typeof wa>, to, text);
      } catch (error) {
        failures.push("whatsapp");
        logger.warn("alert: WhatsApp message failed", { rule: notification.record.rule, error: messageOf(error) });
      }
    }
    if (targets.webhook) {
      try {
        await postWebhook(targets.webhook, notification);
      } catch (error) {
        failures.push("webhook");
        logger.warn("alert: webhook failed", { rule: notification.record.rule, error: messageOf(error) });
      }
    }
    logger.info(`alert ${notification.event}`, { rule: notification.record.rule, id: notification.record.id });
    if (failures.length > 0)
      throw new Error(`alert ${notification.event}: ${failures.length} target(s) failed (${failures.join(", ")})`);
  };
}

async function sendToOperator(wa: NonNullable<AlertTargets["whatsapp"]>, to: string, text: string): Promise<void> {
  try {
    await wa.messenger.sendText(to, text);
  } catch (error) {
    if (!isOutsideWindowError(error) || wa.template === undefined) throw error;
    await wa.messenger.sendTemplate(to, {
      name: wa.template.name,
      language: wa.template.language,
      components: [{ type: "body", parameters: [textParameter(oneLine(text))] }],
    });
  }
}

async function postWebhook(
  webhook: NonNullable<AlertTargets["webhook"]>,
  notification: AlertNotification,
): Promise<void> {
  const body = JSON.stringify({ type: `alert.${notification.event}`, alert: notification.record });
  const response = await fetch(webhook.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...signEvent(webhook.secret, body) },
    body,
    signal: AbortSignal.timeout(webhook.timeoutMs ?? 10_000),
  });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`webhook answered ${response.status}`);
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
