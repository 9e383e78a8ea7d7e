/**
 * Reads the stack's log as the cost model needs it: every line a function writes (the local
 * host tags them `fn:<Name>`) is either a meter line (packages/core/src/aws/meter.ts: one per
 * AWS call) or a log line CloudWatch would ingest. Entries are numbered, so a measurement takes
 * what was written between two marks.
 */
import { METER_MARK, type MeterLine } from "../../packages/core/src/aws/meter";

export interface LogEntry {
  functionName: string;
  /** The AWS call this line reports, or undefined for an ordinary log line. */
  meter?: MeterLine;
  /** Bytes of an ordinary log line (its newline included). */
  bytes: number;
}

export class FunctionLog {
  readonly entries: LogEntry[] = [];
  /** Custom metrics the functions emitted in Embedded Metric Format: namespace, name, dimensions. */
  readonly metrics = new Set<string>();

  /** For `startStack({ log })`; `also` receives every line too (a log file). */
  sink(also?: (source: string, line: string) => void) {
    return (source: string, line: string) => {
      also?.(source, line);
      if (!source.startsWith("fn:")) return;
      const functionName = source.slice("fn:".length);
      const meter = line.includes(`"${METER_MARK}":1`) ? parseMeter(line) : undefined;
      this.entries.push(meter ? { functionName, meter, bytes: 0 } : { functionName, bytes: Buffer.byteLength(line) + 1 });
      if (!meter && line.includes('"_aws"')) for (const metric of emfMetrics(line)) this.metrics.add(metric);
    };
  }

  mark(): number {
    return this.entries.length;
  }

  since(mark: number): LogEntry[] {
    return this.entries.slice(mark);
  }
}

function parseMeter(line: string): MeterLine | undefined {
  try {
    const parsed = JSON.parse(line.slice(line.indexOf("{"))) as MeterLine;
    return parsed[METER_MARK] === 1 ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Each metric an EMF line defines (a metric with several dimension sets is one metric per set). */
function emfMetrics(line: string): string[] {
  try {
    const document = JSON.parse(line.slice(line.indexOf("{"))) as Record<string, unknown> & {
      _aws?: { CloudWatchMetrics?: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[] };
    };
    return (document._aws?.CloudWatchMetrics ?? []).flatMap((directive) =>
      directive.Dimensions.flatMap((set) => {
        const dimensions = set.map((name) => `${name}=${String(document[name])}`).join(",");
        return directive.Metrics.map((metric) => `${directive.Namespace}/${metric.Name}{${dimensions}}`);
      }),
    );
  } catch {
    return [];
  }
}
