import { randomInt } from "node:crypto";

/**
 * A random minute of `years` years from `fromYear`: the clock for orders that a test reads back
 * by status or by date, so that a window of a few minutes around it holds that test's orders
 * only. Pick an era in the future for orders that must stay PENDING while the test reads them:
 * under `bun run test` the stack fires the expiry schedule every minute, and it expires every
 * PENDING order placed longer ago than the hold, whoever placed it.
 */
export const minuteIn = (fromYear: number, years: number): number => Date.UTC(fromYear, 0, 1) + randomInt(0, years * 365 * 24 * 60) * 60_000;
