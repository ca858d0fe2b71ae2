/**
 * One way to say when something happened, for every view, report and the CLI: how long ago, then the local
 * clock time ("3 h ago, 20:12"; "5 d ago, 2 Dec 20:12"). Machine formats (JSON, SARIF) keep ISO 8601; this is for
 * people, who compare it with their own clock, not with UTC.
 */
export interface WhenOptions {
  /** The moment "ago" counts from (the scan's clock, so tests and reports agree). */
  readonly now: Date;
  /** IANA zone for the clock time; the runtime's local zone when absent. */
  readonly timeZone?: string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "4 min ago", "3 h ago", "5 d ago"; "in 2 min" for a clock ahead of ours. */
export function relativeTime(then: Date, now: Date): string {
  const delta = now.getTime() - then.getTime();
  const size = Math.abs(delta);
  let amount: string;
  if (size < MINUTE) return 'just now';
  if (size < HOUR) amount = `${Math.floor(size / MINUTE)} min`;
  else if (size < 2 * DAY) amount = `${Math.floor(size / HOUR)} h`;
  else amount = `${Math.floor(size / DAY)} d`;
  return delta >= 0 ? `${amount} ago` : `in ${amount}`;
}

/** "20:12" on the same local day as `now`, "2 Dec 20:12" within the year, "2 Dec 2025 20:12" before. */
export function localClockTime(then: Date, options: WhenOptions): string {
  const zone = options.timeZone ? { timeZone: options.timeZone } : {};
  const part = (date: Date, format: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('en-GB', { ...format, ...zone }).format(date);
  const time = part(then, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const day = (date: Date) => part(date, { year: 'numeric', month: '2-digit', day: '2-digit' });
  if (day(then) === day(options.now)) return time;
  const sameYear = part(then, { year: 'numeric' }) === part(options.now, { year: 'numeric' });
  return `${part(then, sameYear ? { day: 'numeric', month: 'short' } : { day: 'numeric', month: 'short', year: 'numeric' })} ${time}`;
}

/** "3 h ago, 20:12": the form every human-facing surface uses; the input unchanged when it is not a date. */
export function formatWhen(iso: string | Date, options: WhenOptions): string {
  const then = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(then.getTime())) return String(iso);
  // Without a valid "now" there is no "ago": the exact instant says at least what is known.
  if (Number.isNaN(options.now.getTime())) return then.toISOString();
  return `${relativeTime(then, options.now)}, ${localClockTime(then, options)}`;
}
