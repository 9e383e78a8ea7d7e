import { describe, expect, it } from "vitest";
import { schedules } from "@emporium/functions/manifest";
import { parseSchedule } from "../src/schedules";

const at = (iso: string) => new Date(iso);

describe("EventBridge schedule expressions, offline", () => {
  it("reads rate expressions as EventBridge does", () => {
    expect(parseSchedule("rate(1 minute)").next(at("2026-12-03T10:00:30Z")).toISOString()).toBe("2026-12-03T10:01:30.000Z");
    expect(parseSchedule("rate(5 minutes)").next(at("2026-12-03T10:00:00Z")).toISOString()).toBe("2026-12-03T10:05:00.000Z");
    expect(parseSchedule("rate(2 hours)").next(at("2026-12-03T10:00:00Z")).toISOString()).toBe("2026-12-03T12:00:00.000Z");
    expect(parseSchedule("rate(1 day)").next(at("2026-12-03T10:00:00Z")).toISOString()).toBe("2026-12-04T10:00:00.000Z");
    for (const bad of ["rate(1 minutes)", "rate(5 minute)", "rate(0 minutes)", "rate(1 week)", "every minute"]) expect(() => parseSchedule(bad), bad).toThrow();
  });

  it("reads cron expressions in UTC with EventBridge's fields (year included, 1 = Sunday, ?)", () => {
    // Every 15 minutes.
    expect(parseSchedule("cron(0/15 * * * ? *)").next(at("2026-12-03T10:07:00Z")).toISOString()).toBe("2026-12-03T10:15:00.000Z");
    // 02:30 UTC every day.
    expect(parseSchedule("cron(30 2 * * ? *)").next(at("2026-12-03T10:00:00Z")).toISOString()).toBe("2026-12-04T02:30:00.000Z");
    // Mondays (2 in EventBridge's numbering) at 09:00: 2026-12-03 is a Thursday.
    expect(parseSchedule("cron(0 9 ? * 2 *)").next(at("2026-12-03T10:00:00Z")).toISOString()).toBe("2026-12-07T09:00:00.000Z");
    expect(parseSchedule("cron(0 9 ? * MON *)").next(at("2026-12-03T10:00:00Z")).toISOString()).toBe("2026-12-07T09:00:00.000Z");
    expect(() => parseSchedule("cron(0 9 * * *)")).toThrow(/6 fields/);
  });

  it("parses every schedule of the manifest", () => {
    for (const spec of Object.values(schedules)) expect(() => parseSchedule(spec.schedule), spec.name).not.toThrow();
  });
});
