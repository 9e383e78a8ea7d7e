import { schedules, type ScheduleSpec } from "../packages/functions/src/manifest";
import { linkables } from "./links";
import { functionArgs } from "./functions";

/** The manifest's scheduled functions, each an EventBridge rule on its expression (the offline runtime fires the same expression). */
export const cronComponents = Object.fromEntries(
  Object.entries(schedules as Record<string, ScheduleSpec>).map(([name, spec]) => [
    name,
    new sst.aws.Cron(name, { schedule: spec.schedule, function: functionArgs(spec, linkables) }),
  ]),
) as Record<keyof typeof schedules, sst.aws.Cron>;
