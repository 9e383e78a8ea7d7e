import { randomUUID } from "node:crypto";
import type { ScheduleSpec } from "@emporium/functions/manifest";
import { parseSchedule } from "./expression";
import { LOCAL_ACCOUNT_ID } from "../local-account";

export { parseSchedule, type ScheduleExpression } from "./expression";

/**
 * Fires the manifest's scheduled functions offline, each on its own expression, with the event
 * EventBridge sends (`Scheduled Event`, `time` = the scheduled moment). A firing that fails is
 * logged; the next one comes on schedule, as with EventBridge's own (async) invocations.
 */
export interface Schedules {
  stop(): void;
}

export function scheduledEvent(spec: Pick<ScheduleSpec, "name">, time: Date, region: string) {
  return {
    version: "0",
    id: randomUUID(),
    "detail-type": "Scheduled Event",
    source: "aws.events",
    account: LOCAL_ACCOUNT_ID,
    // EventBridge writes whole seconds, as a firing's scheduled moment is; a test that fires at
    // an exact instant between two others keeps its milliseconds.
    time: time.toISOString().replace(/\.000Z$/, "Z"),
    region,
    resources: [`arn:aws:events:${region}:${LOCAL_ACCOUNT_ID}:rule/${spec.name}`],
    detail: {},
  };
}

export function startSchedules(options: {
  schedules: readonly ScheduleSpec[];
  region: string;
  invoke: (name: string, event: unknown) => Promise<unknown>;
  log: (source: string, line: string) => void;
  now?: () => Date;
}): Schedules {
  const now = options.now ?? (() => new Date());
  const timers = new Map<string, NodeJS.Timeout>();
  let stopped = false;
  for (const spec of options.schedules) {
    const expression = parseSchedule(spec.schedule);
    const arm = (after: Date) => {
      if (stopped) return;
      const at = expression.next(after);
      const timer = setTimeout(async () => {
        try {
          await options.invoke(spec.name, scheduledEvent(spec, at, options.region));
          options.log(`schedule:${spec.name}`, `fired for ${at.toISOString()} (${spec.schedule})`);
        } catch (error) {
          options.log(`schedule:${spec.name}`, `failed for ${at.toISOString()}: ${(error as Error).message}`);
        }
        arm(at);
      }, Math.max(0, at.getTime() - now().getTime()));
      timer.unref();
      timers.set(spec.name, timer);
    };
    arm(now());
  }
  return {
    stop() {
      stopped = true;
      for (const timer of timers.values()) clearTimeout(timer);
    },
  };
}
