const formatters = new Map<string, Intl.DateTimeFormat>();

/** Local calendar day `YYYY-MM-DD` of an instant in an IANA zone (the zone Analytics cuts its days in). */
export function localDay(ms: number, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    // en-CA formats dates as YYYY-MM-DD.
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    formatters.set(timeZone, f);
  }
  return f.format(ms);
}
