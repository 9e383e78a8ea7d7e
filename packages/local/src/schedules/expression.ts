import { Cron } from "croner";

/**
 * EventBridge schedule expressions, read the way EventBridge reads them, so the offline runtime
 * fires a manifest schedule when the deployed rule would:
 * - `rate(1 minute)`, `rate(5 minutes)`, `rate(2 hours)`, `rate(1 day)`: every interval;
 * - `cron(minutes hours day-of-month month day-of-week year)`, in UTC, with day-of-week 1-7
 *   starting on Sunday (or SUN-SAT), `?` for "any" and steps like `0/15` (croner's 7-part,
 *   Quartz-numbered mode).
 * `next(after)` is the first firing strictly after `after`.
 */
export interface ScheduleExpression {
  next(after: Date): Date;
}

const UNIT_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

export function parseSchedule(expression: string): ScheduleExpression {
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression.trim());
  if (rate) {
    const value = Number(rate[1]);
    const unit = rate[2]!.replace(/s$/, "") as keyof typeof UNIT_MS;
    // EventBridge wants the singular for 1 and the plural otherwise; refuse what it would refuse.
    if (value < 1 || (value === 1) !== (rate[2] === unit)) throw new Error(`invalid rate expression: ${expression}`);
    const every = value * UNIT_MS[unit];
    return { next: (after) => new Date(after.getTime() + every) };
  }
  const cron = /^cron\((.+)\)$/.exec(expression.trim());
  if (cron) {
    const fields = cron[1]!.trim().split(/\s+/);
    if (fields.length !== 6) throw new Error(`a cron expression has 6 fields (minutes hours day-of-month month day-of-week year): ${expression}`);
    // EventBridge's `?` is "any"; croner would read it as "the value at start-up".
    const job = new Cron(`0 ${fields.map((field) => (field === "?" ? "*" : field)).join(" ")}`, {
      mode: "7-part",
      alternativeWeekdays: true,
      // EventBridge writes steps as `0/15`.
      sloppyRanges: true,
      timezone: "UTC",
      paused: true,
    });
    return {
      next: (after) => {
        const next = job.nextRun(after);
        if (!next) throw new Error(`${expression} never fires after ${after.toISOString()}`);
        return next;
      },
    };
  }
  throw new Error(`not an EventBridge schedule expression (rate(...) or cron(...)): ${expression}`);
}
