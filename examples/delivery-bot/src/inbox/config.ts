import { integer, parseEnv } from "@toktok-example/shared";
import { z } from "zod";

/** The inbox's environment variables (all optional). */
export const inboxEnvSchema = z.object({
  /** Operators' hours in Brazzaville time, `HH:MM-HH:MM`; unset: always open. */
  INBOX_HOURS: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM-HH:MM (e.g. 08:00-20:00)")
    .optional(),
  /** The wait announced to a customer, in minutes. Default 5. */
  INBOX_WAIT_MINUTES: integer("INBOX_WAIT_MINUTES", { min: 1, max: 24 * 60, unit: "minutes" }).default(5),
  /** Unanswered this long after the handoff: an escalation. Default 10 minutes. */
  INBOX_ESCALATE_MINUTES: integer("INBOX_ESCALATE_MINUTES", { min: 1, max: 24 * 60, unit: "minutes" }).default(10),
  /** An operator's conversation idle this long goes back to the bot. Default 30 minutes. */
  INBOX_IDLE_RELEASE_MINUTES: integer("INBOX_IDLE_RELEASE_MINUTES", {
    min: 1,
    max: 7 * 24 * 60,
    unit: "minutes",
  }).default(30),
  /** Approved templates for a closed window, `name:language,…`. Default `reprise_conversation:fr`. */
  INBOX_TEMPLATES: z
    .string()
    .regex(/^[a-z0-9_]+:[A-Za-z_]{2,15}(,[a-z0-9_]+:[A-Za-z_]{2,15})*$/, "must be name:language[,name:language…]")
    .default("reprise_conversation:fr"),
});

/** The parsed inbox settings. */
export type InboxEnv = z.infer<typeof inboxEnvSchema>;

/** Parses the inbox's variables; a bad value throws a `ConfigError` naming each variable, never its value. */
export function inboxEnv(env: Record<string, string | undefined>): InboxEnv {
  return parseEnv(inboxEnvSchema, env);
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const brazzavilleClock = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Africa/Brazzaville",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** Whether operators answer at `now`, from `INBOX_HOURS` (Brazzaville time; a range may span midnight). */
export function availabilityOf(settings: InboxEnv) {
  return (now: number) => {
    const hours = settings.INBOX_HOURS;
    if (hours === undefined) return { open: true as const, waitMinutes: settings.INBOX_WAIT_MINUTES };
    const [from, to] = hours.split("-") as [string, string];
    const minute = minutesOf(brazzavilleClock.format(now));
    const start = minutesOf(from);
    const end = minutesOf(to);
    const open = start <= end ? minute >= start && minute < end : minute >= start || minute < end;
    return open
      ? { open: true as const, waitMinutes: settings.INBOX_WAIT_MINUTES }
      : { open: false as const, opensAt: from };
  };
}

/** The approved templates of `INBOX_TEMPLATES`. */
export const templatesOf = (settings: InboxEnv) =>
  settings.INBOX_TEMPLATES.split(",").map((pair) => {
    const [name, language] = pair.split(":") as [string, string];
    return { name, language };
  });
