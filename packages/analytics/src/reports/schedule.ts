import type { Logger } from "../logger.js";
import type { DayRange } from "../time/range.js";
import { dayKey, dayNumber, isoWeekday, isValidTimeZone, zonedToUtc } from "../time/zone.js";
import { invalid } from "../validate.js";
import type { ReportRequest } from "./figures.js";
import type { RenderedReport } from "./render.js";

/** A report handed to `send`. */
export interface ScheduledReport extends RenderedReport {
  kind: "daily" | "weekly";
}

/** Timer functions (inject fakes in tests). */
export interface Timers {
  setTimeout(fn: () => void, ms: number): { unref?: () => unknown } | number | unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * Options of `scheduleReports`. Times are local `HH:MM` (or `HH:MM:SS`, e.g. for a test that must not
 * wait for the next minute) in `timeZone`; `false` disables a job.
 */
export interface ScheduleOptions {
  /** Daily report about yesterday. Default `"07:00"`. */
  daily?: string | false;
  /** Monday report about the previous ISO week. Default `"08:00"`. */
  weekly?: string | false;
  /** Nightly aggregation of yesterday's totals. Default `"00:15"`. */
  aggregation?: string | false;
  /** Delivers a report (e-mail, WhatsApp document, Slack…). */
  send: (report: ScheduledReport) => void | Promise<void>;
  /** Zone of the `HH:MM` times. Default: the zone of the `Analytics` instance (its `timeZone` option). */
  timeZone?: string;
  /** Called when a job fails; the schedule keeps running. */
  onError?: (error: unknown, job: JobName) => void;
  logger?: Logger;
  timers?: Timers;
}

/** The three jobs. */
export type JobName = "aggregation" | "daily" | "weekly";

/** A running schedule. */
export interface ReportSchedule {
  /** Cancels every pending job. */
  stop(): void;
  /** When each enabled job fires next (epoch ms). */
  nextRuns(): Partial<Record<JobName, number>>;
}

const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

function minutesOf(value: string | false | undefined, fallback: string, field: string): number | null {
  if (value === false) return null;
  const v = value ?? fallback;
  const m = typeof v === "string" ? TIME_RE.exec(v) : null;
  if (m === null) throw invalid(field, "must be a local time HH:MM or HH:MM:SS (00:00–23:59:59) or false");
  return Number(m[1]) * 60 + Number(m[2]) + Number(m[3] ?? 0) / 60;
}

/** Next instant after `now` at local `minutes`, on a Monday when `mondayOnly`. */
export function nextOccurrence(now: number, minutes: number, timeZone: string, mondayOnly: boolean): number {
  for (let day = dayNumber(now, timeZone); ; day++) {
    if (mondayOnly && isoWeekday(day) !== 1) continue;
    const at = zonedToUtc(day, minutes, timeZone);
    if (at > now) return at;
  }
}

/** What the schedule runs: a narrow view of `Analytics`. */
export interface ReportSource {
  readonly timeZone: string;
  now(): number;
  renderReport(request: ReportRequest): Promise<RenderedReport>;
  aggregateDays(range: DayRange): Promise<void>;
}

/** Schedules the nightly aggregation and the daily and Monday reports; every timer is unref'd. */
export function scheduleReports(a: ReportSource, options: ScheduleOptions): ReportSchedule {
  if (typeof options !== "object" || options === null) throw invalid("options", "must be an object");
  if (typeof options.send !== "function") throw invalid("send", "must be a function");
  const timeZone = options.timeZone ?? a.timeZone;
  if (!isValidTimeZone(timeZone)) throw invalid("timeZone", "must be an IANA time zone");
  const timers: Timers = options.timers ?? {
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
  };
  const jobs: Array<{ name: JobName; minutes: number; monday: boolean }> = [];
  const add = (name: JobName, value: string | false | undefined, fallback: string, monday: boolean) => {
    const minutes = minutesOf(value, fallback, name);
    if (minutes !== null) jobs.push({ name, minutes, monday });
  };
  add("aggregation", options.aggregation, "00:15", false);
  add("daily", options.daily, "07:00", false);
  add("weekly", options.weekly, "08:00", true);

  const handles = new Map<JobName, unknown>();
  const next = new Map<JobName, number>();
  let stopped = false;

  const run = async (name: JobName, firedAt: number) => {
    const yesterday = dayKey(dayNumber(firedAt, timeZone) - 1);
    if (name === "aggregation") await a.aggregateDays({ from: yesterday, to: yesterday });
    else if (name === "daily")
      await options.send({ kind: "daily", ...(await a.renderReport({ period: "day", date: yesterday })) });
    else await options.send({ kind: "weekly", ...(await a.renderReport({ period: "week", date: yesterday })) });
  };

  const arm = (job: (typeof jobs)[number], after: number) => {
    if (stopped) return;
    const at = nextOccurrence(after, job.minutes, timeZone, job.monday);
    next.set(job.name, at);
    const handle = timers.setTimeout(
      () => {
        handles.delete(job.name);
        run(job.name, at)
          .catch((error: unknown) => {
            if (options.onError) options.onError(error, job.name);
            else options.logger?.error(`analytics: scheduled ${job.name} failed`, { error });
          })
          .finally(() => arm(job, Math.max(a.now(), at)));
      },
      Math.max(0, at - a.now()),
    );
    if (typeof handle === "object" && handle !== null && "unref" in handle && typeof handle.unref === "function")
      handle.unref();
    handles.set(job.name, handle);
  };

  for (const job of jobs) arm(job, a.now());
  return {
    stop() {
      stopped = true;
      for (const h of handles.values()) timers.clearTimeout(h);
      handles.clear();
      next.clear();
    },
    nextRuns: () => Object.fromEntries(next) as Partial<Record<JobName, number>>,
  };
}
