import type { Logger } from "../logger.js";
import { checkPositive, invalid } from "../validate.js";
import type { Alert } from "./rules.js";
import type { AlertRecord, AlertStateStore } from "./state.js";

/** What `notify` receives: a record that just fired, or just resolved. Sent once per transition. */
export interface AlertNotification {
  event: "fired" | "resolved";
  record: AlertRecord;
}

/** Options of `monitorAlerts`. */
export interface MonitorOptions {
  /** Pushes a notification (WhatsApp message, signed webhook…). A throw is reported to `onError`, not retried. */
  notify: (notification: AlertNotification) => void | Promise<void>;
  /** How often the rules are evaluated. Default 60 000 ms. */
  intervalMs?: number;
  /** Called when an evaluation or a notification fails; the monitor keeps running. */
  onError?: (error: unknown) => void;
  logger?: Logger;
  /** Timer functions (inject fakes in tests). */
  timers?: {
    setInterval(fn: () => void, ms: number): unknown;
    clearInterval(handle: unknown): void;
  };
}

/** A running monitor. */
export interface AlertMonitor {
  /** Evaluates once now (also what each tick does); resolves with the notifications sent. */
  runOnce(): Promise<AlertNotification[]>;
  /** Stops the timer (an evaluation in flight finishes). */
  stop(): void;
}

/** What the monitor needs from `Analytics`. */
export interface MonitorSource {
  now(): number;
  readonly alertRules: readonly { name: string }[];
  evaluateAlerts(options: { at: number }): Promise<Alert[]>;
}

/**
 * Evaluates the alert rules on a schedule and keeps one record per firing in
 * `states`: a rule that starts firing opens a record and notifies "fired"; one
 * that stops resolves it and notifies "resolved"; while it keeps firing, nothing
 * is sent. Ticks never overlap; every timer is unref'd.
 */
export function monitorAlerts(source: MonitorSource, states: AlertStateStore, options: MonitorOptions): AlertMonitor {
  if (typeof options !== "object" || options === null) throw invalid("options", "must be an object");
  if (typeof options.notify !== "function") throw invalid("notify", "must be a function");
  const intervalMs = checkPositive(options.intervalMs ?? 60_000, "intervalMs");
  const timers = options.timers ?? {
    setInterval: (fn: () => void, ms: number) => setInterval(fn, ms),
    clearInterval: (h: unknown) => clearInterval(h as NodeJS.Timeout),
  };
  const report = (error: unknown) => {
    if (options.onError) options.onError(error);
    else options.logger?.error("analytics: alert monitor failed", { error });
  };

  const send = async (notification: AlertNotification, sent: AlertNotification[]) => {
    try {
      await options.notify(notification);
      sent.push(notification);
    } catch (error) {
      report(error);
    }
  };

  let running: Promise<AlertNotification[]> | undefined;
  const tick = async (): Promise<AlertNotification[]> => {
    const at = source.now();
    const firing = await source.evaluateAlerts({ at });
    const sent: AlertNotification[] = [];
    const fired = new Set<string>();
    for (const alert of firing) {
      fired.add(alert.rule);
      const record = await states.fire(alert, at);
      if (record !== null) await send({ event: "fired", record }, sent);
    }
    for (const rule of source.alertRules) {
      if (fired.has(rule.name)) continue;
      const record = await states.resolve(rule.name, at);
      if (record !== null) await send({ event: "resolved", record }, sent);
    }
    return sent;
  };
  const runOnce = () => {
    running ??= tick().finally(() => {
      running = undefined;
    });
    return running;
  };

  const handle = timers.setInterval(() => {
    runOnce().catch(report);
  }, intervalMs);
  if (typeof handle === "object" && handle !== null && "unref" in handle && typeof handle.unref === "function")
    handle.unref();
  return { runOnce, stop: () => timers.clearInterval(handle) };
}
