/**
 * What one operation used, summed over its measured runs: HTTP requests and bytes at the
 * gateway, each function's invocations and billed time, every AWS call its functions made
 * (from the meter lines) and the SQS requests Lambda's pollers made for it.
 */
import type { MeterLine } from "../../packages/core/src/aws/meter";
import type { LogEntry } from "./meter-log";

export interface FunctionUsage {
  invocations: number;
  billedMs: number;
  cpuMs: number;
  logBytes: number;
  logEvents: number;
}

/** One DynamoDB call, with the capacity it consumed split as DynamoDB reported it. */
export interface DynamoCall {
  functionName: string;
  operation: string;
  table: string;
  items: string[];
  index?: string;
  consistentRead: boolean;
  returned?: number;
  read: number;
  write: number;
  /** Units on the base table and on each index (write calls: what each index write cost). */
  tableUnits: number;
  indexUnits: Record<string, number>;
  failed?: string;
}

export interface RequestCounts {
  snsPublishes: number;
  sqsSends: number;
  sqsReceives: number;
  sqsDeletes: number;
  kinesisPutRecords: number;
  /** On-demand Kinesis bills each record rounded up to 1 KB. */
  kinesisRecordKb: number;
  sesSends: number;
  s3Puts: number;
  s3Gets: number;
}

export interface OperationUsage {
  name: string;
  runs: number;
  httpRequests: number;
  responseBytes: number;
  functions: Record<string, FunctionUsage>;
  dynamodb: DynamoCall[];
  requests: RequestCounts;
  /** Every AWS call by `Service.Operation`, for the record. */
  calls: Record<string, number>;
}

export const emptyRequests = (): RequestCounts => ({
  snsPublishes: 0,
  sqsSends: 0,
  sqsReceives: 0,
  sqsDeletes: 0,
  kinesisPutRecords: 0,
  kinesisRecordKb: 0,
  sesSends: 0,
  s3Puts: 0,
  s3Gets: 0,
});

const READS = new Set(["GetItem", "BatchGetItem", "Query", "Scan", "TransactGetItems"]);
const S3_PUTS = new Set(["PutObject", "CopyObject", "CreateMultipartUpload", "UploadPart", "CompleteMultipartUpload", "ListObjectsV2", "ListObjects"]);

/** Adds the AWS calls in `entries` to `usage` (their log lines are counted by the caller). */
export function addCalls(usage: OperationUsage, entries: LogEntry[]): void {
  for (const { functionName, meter } of entries) {
    if (!meter) continue;
    const key = `${meter.service}.${meter.operation}`;
    usage.calls[key] = (usage.calls[key] ?? 0) + 1;
    const requests = usage.requests;
    if (meter.service === "DynamoDB") usage.dynamodb.push(dynamoCall(functionName, meter));
    else if (meter.service === "SNS") requests.snsPublishes += meter.entries ?? 1;
    else if (meter.service === "SQS" && meter.operation.startsWith("SendMessage")) requests.sqsSends++;
    else if (meter.service === "Kinesis" && meter.operation === "PutRecords") {
      requests.kinesisPutRecords++;
      requests.kinesisRecordKb += (meter.recordBytes ?? []).reduce((sum, bytes) => sum + Math.max(1, Math.ceil(bytes / 1024)), 0);
    } else if (meter.service === "SESv2" && meter.operation === "SendEmail") requests.sesSends++;
    else if (meter.service === "S3") requests[S3_PUTS.has(meter.operation) ? "s3Puts" : "s3Gets"]++;
  }
}

interface Capacity {
  TableName?: string;
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
  Table?: { CapacityUnits?: number };
  GlobalSecondaryIndexes?: Record<string, { CapacityUnits?: number }>;
  LocalSecondaryIndexes?: Record<string, { CapacityUnits?: number }>;
}

function dynamoCall(functionName: string, meter: MeterLine): DynamoCall {
  const capacities = (Array.isArray(meter.capacity) ? meter.capacity : meter.capacity ? [meter.capacity] : []) as Capacity[];
  const isRead = READS.has(meter.operation);
  let read = 0;
  let write = 0;
  let tableUnits = 0;
  const indexUnits: Record<string, number> = {};
  for (const capacity of capacities) {
    const total = capacity.CapacityUnits ?? 0;
    // DynamoDB splits reads and writes only for transactions; otherwise the operation says which.
    read += capacity.ReadCapacityUnits ?? (isRead ? total : 0);
    write += capacity.WriteCapacityUnits ?? (isRead ? 0 : total);
    tableUnits += capacity.Table?.CapacityUnits ?? total;
    for (const [name, index] of Object.entries({ ...capacity.GlobalSecondaryIndexes, ...capacity.LocalSecondaryIndexes })) {
      indexUnits[name] = (indexUnits[name] ?? 0) + (index.CapacityUnits ?? 0);
    }
  }
  const table = capacities.map((capacity) => shortTable(capacity.TableName)).join("+") || shortTable(meter.table);
  return {
    functionName,
    operation: meter.operation,
    table,
    items: meter.items ?? [],
    ...(meter.index ? { index: meter.index } : {}),
    consistentRead: meter.consistentRead === true,
    ...(meter.returned !== undefined ? { returned: meter.returned } : {}),
    read,
    write,
    tableUnits,
    indexUnits,
    ...(meter.failed ? { failed: meter.failed } : {}),
  };
}

/** `emporium-local-Table` → `Table`: the logical name, the same in every stage. */
function shortTable(name: string | undefined): string {
  return name ? name.split("-").at(-1)! : "?";
}
