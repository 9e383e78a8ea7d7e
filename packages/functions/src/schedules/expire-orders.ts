import type { Context, ScheduledEvent } from "aws-lambda";
import * as Orders from "@emporium/core/orders";
import { logger } from "../http";

/**
 * Expires orders still PENDING after the hold (ORDER_HOLD_MINUTES, stage configuration) and
 * gives their stock back. The clock is the schedule's own: EventBridge stamps each firing with
 * its scheduled `time`, so a late or repeated invocation judges the same cutoff (and tests fire
 * the function for a chosen moment through the Lambda API, as an operator could).
 */
export const handler = async (event: ScheduledEvent, context: Context) => {
  logger.addContext(context);
  const hold = Number(process.env.ORDER_HOLD_MINUTES ?? Orders.DEFAULT_HOLD_MINUTES);
  if (!Number.isFinite(hold) || hold <= 0) throw new Error(`ORDER_HOLD_MINUTES must be a positive number of minutes; got ${process.env.ORDER_HOLD_MINUTES}`);
  const firedAt = event.time ? new Date(event.time) : new Date();
  if (Number.isNaN(firedAt.getTime())) throw new Error(`the scheduled event's time is not a date: ${event.time}`);
  const expired = await Orders.expireStale(hold, () => firedAt);
  logger.info("expired pending orders", { holdMinutes: hold, firedAt: firedAt.toISOString(), expired: expired.length, orderIds: expired });
  return { expired };
};
