import { cpus, loadavg, totalmem } from "node:os";

/** The machine a figure was measured on, and how busy it was, for the record beside the figure. */
export function describeMachine(): string {
  return `${cpus().length} × ${cpus()[0]?.model ?? "?"}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Bun ${process.versions.bun}, load average ${loadAverage()}`;
}

export const loadAverage = () => loadavg().map((value) => value.toFixed(2)).join(" ");
