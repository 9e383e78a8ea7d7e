/** The traffic mix a monthly bill is projected for (mix.json), checked as it is read. */
import { readFileSync } from "node:fs";

export interface Mix {
  requestsPerMonth: number;
  /** Share of requests per operation name; they add up to 1. */
  shares: Record<string, number>;
  viaRouter: number;
  edgeCacheHitRatio: number;
  coldStartShare: number;
  sqsPollersPerQueue: number;
  xray: { reservoirPerSecond: number; fixedRate: number };
  logEventOverheadBytes: number;
  assumptions: Record<string, string>;
}

const fraction = (value: unknown) => typeof value === "number" && value >= 0 && value <= 1;

export function loadMix(file: string, operations: readonly string[]): Mix {
  const mix = JSON.parse(readFileSync(file, "utf8")) as Mix;
  const problems: string[] = [];
  if (!(mix.requestsPerMonth > 0)) problems.push("requestsPerMonth must be positive");
  for (const [name, share] of Object.entries(mix.shares ?? {})) {
    if (!operations.includes(name)) problems.push(`unknown operation ${name} (known: ${operations.join(", ")})`);
    if (!fraction(share)) problems.push(`share of ${name} must be between 0 and 1`);
  }
  const total = Object.values(mix.shares ?? {}).reduce((sum, share) => sum + share, 0);
  if (Math.abs(total - 1) > 1e-9) problems.push(`shares add up to ${total}, not 1`);
  for (const key of ["viaRouter", "edgeCacheHitRatio", "coldStartShare"] as const) if (!fraction(mix[key])) problems.push(`${key} must be between 0 and 1`);
  if (!(mix.sqsPollersPerQueue >= 0)) problems.push("sqsPollersPerQueue must be ≥ 0");
  if (!fraction(mix.xray?.fixedRate) || !(mix.xray?.reservoirPerSecond >= 0)) problems.push("xray needs reservoirPerSecond ≥ 0 and fixedRate in [0, 1]");
  if (problems.length > 0) throw new Error(`${file}:\n- ${problems.join("\n- ")}`);
  return mix;
}
