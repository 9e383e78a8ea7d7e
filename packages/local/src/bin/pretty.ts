/**
 * `bun dev` shows function logs as one readable line each instead of JSON (tests keep the JSON):
 * `INFO request completed  status=200 route=GET /me  (requestId)`. Embedded-metric lines are
 * summarised as `metrics Requests=1 …`.
 */
const SKIP = new Set([
  "level",
  "message",
  "timestamp",
  "service",
  "cold_start",
  "function_arn",
  "function_memory_size",
  "function_name",
  "function_request_id",
  "sampling_rate",
  "xray_trace_id",
  "requestId",
  "correlationId",
]);

export function prettyLogLine(line: string): string {
  if (!line.startsWith("{")) return line;
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const emf = entry._aws as { CloudWatchMetrics?: { Metrics: { Name: string }[] }[] } | undefined;
  if (emf?.CloudWatchMetrics) {
    const names = emf.CloudWatchMetrics.flatMap((directive) => directive.Metrics.map((metric) => metric.Name));
    return `metrics ${names.map((name) => `${name}=${entry[name]}`).join(" ")}`;
  }
  if (typeof entry.level !== "string" || typeof entry.message !== "string") return line;
  const fields = Object.entries(entry)
    .filter(([key]) => !SKIP.has(key))
    .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`);
  const cold = entry.cold_start === true ? " [cold start]" : "";
  return `${entry.level} ${entry.message}  ${fields.join(" ")}${cold}${entry.requestId ? `  (${entry.requestId})` : ""}`;
}
