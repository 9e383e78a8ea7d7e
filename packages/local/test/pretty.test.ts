import { describe, expect, it } from "vitest";
import { prettyLogLine } from "../src/bin/pretty";

describe("bun dev's readable function logs", () => {
  it("turns a Powertools JSON line into one readable line", () => {
    const line = JSON.stringify({ level: "INFO", message: "request completed", timestamp: "t", service: "s", cold_start: true, requestId: "R1=", route: "GET /me", status: 200 });
    expect(prettyLogLine(line)).toBe("INFO request completed  route=GET /me status=200 [cold start]  (R1=)");
  });

  it("summarises embedded metrics and leaves anything else alone", () => {
    const emf = JSON.stringify({ _aws: { CloudWatchMetrics: [{ Namespace: "Emporium", Metrics: [{ Name: "Requests" }, { Name: "Faults" }] }] }, Requests: 1, Faults: 0 });
    expect(prettyLogLine(emf)).toBe("metrics Requests=1 Faults=0");
    expect(prettyLogLine("plain text")).toBe("plain text");
    expect(prettyLogLine("{not json")).toBe("{not json");
  });
});
