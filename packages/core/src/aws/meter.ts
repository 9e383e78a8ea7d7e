/**
 * Cost metering, off unless `EMPORIUM_COST_METER=1` (only `bun run cost` sets it; no deployed
 * stage does, so production neither asks DynamoDB for capacity figures nor writes these lines).
 *
 * When on, one SDK middleware per client writes one JSON line per AWS call to the function's
 * log: service, operation, and for DynamoDB the capacity it consumed, which the middleware asks
 * for on every data-plane call (`ReturnConsumedCapacity: INDEXES`: the total `TOTAL` gives, plus
 * its split over the table and each index, which explains writes that cost more than the item).
 * The line names no key or value, only the kind of item (the keys' fixed prefixes, `USER`,
 * `LIMIT`, `ORDER/LINE`…), so it is as safe to log as the rest.
 */
export const METER_FLAG = "EMPORIUM_COST_METER";
/** The key every meter line carries, so a reader can pick them out of a function's log. */
export const METER_MARK = "emporiumMeter";

/** DynamoDB operations that take `ReturnConsumedCapacity`. */
const CAPACITY_OPERATIONS = new Set([
  "GetItem",
  "PutItem",
  "UpdateItem",
  "DeleteItem",
  "Query",
  "Scan",
  "BatchGetItem",
  "BatchWriteItem",
  "TransactGetItems",
  "TransactWriteItems",
]);

export interface MeterLine {
  [METER_MARK]: 1;
  service: string;
  operation: string;
  table?: string;
  /** Item kinds the call touched (partition-key prefixes), in request order. */
  items?: string[];
  index?: string;
  consistentRead?: boolean;
  /** Items a read returned. */
  returned?: number;
  /** DynamoDB's ConsumedCapacity, as it answered (one entry per table for batches and transactions). */
  capacity?: unknown;
  /** Entries of a batch call (PutRecords, PublishBatch, DeleteMessageBatch, SendMessageBatch). */
  entries?: number;
  /** Size of each record a Kinesis PutRecords sent (on-demand streams bill each, rounded up to 1 KB). */
  recordBytes?: number[];
  /** The error's name, when the call failed. */
  failed?: string;
}

interface Handler {
  (args: { input: Record<string, unknown> }): Promise<{ output: Record<string, unknown> }>;
}
interface Meterable {
  middlewareStack: {
    add(
      middleware: (next: Handler, context: { clientName?: string; commandName?: string }) => Handler,
      options: { step: "serialize"; priority: "high"; name: string; override: boolean },
    ): void;
  };
}

/** Adds the meter to `client` when the flag is set; returns the client either way. */
export function metered<T>(client: T): T {
  if (process.env[METER_FLAG] !== "1") return client;
  (client as Meterable).middlewareStack.add(
    (next, context) => async (args) => {
      const service = (context.clientName ?? "").replace(/Client$/, "");
      const operation = (context.commandName ?? "").replace(/Command$/, "");
      const asksCapacity = service === "DynamoDB" && CAPACITY_OPERATIONS.has(operation);
      const input = asksCapacity ? { ...args.input, ReturnConsumedCapacity: "INDEXES" } : args.input;
      try {
        const result = await next({ ...args, input });
        console.log(JSON.stringify(describe(service, operation, input, result.output)));
        return result;
      } catch (error) {
        // A failed conditional write still consumes capacity, but DynamoDB's error carries no
        // figure: the line says it failed, and the cost model charges its minimum.
        console.log(JSON.stringify({ ...describe(service, operation, input, {}), failed: (error as Error).name }));
        throw error;
      }
    },
    { step: "serialize", priority: "high", name: "emporiumCostMeter", override: true },
  );
  return client;
}

function describe(service: string, operation: string, input: Record<string, unknown>, output: Record<string, unknown>): MeterLine {
  const line: MeterLine = { [METER_MARK]: 1, service, operation };
  if (service === "DynamoDB") {
    if (typeof input.TableName === "string") line.table = input.TableName;
    const items = itemKinds(operation, input);
    if (items.length > 0) line.items = items;
    if (typeof input.IndexName === "string") line.index = input.IndexName;
    const batch = Object.values((input.RequestItems as Record<string, { ConsistentRead?: boolean }> | undefined) ?? {});
    if (input.ConsistentRead === true || batch.some((request) => request.ConsistentRead === true)) line.consistentRead = true;
    const responses = output.Responses as Record<string, unknown[]> | unknown[] | undefined;
    const returned =
      operation === "GetItem"
        ? output.Item ? 1 : 0
        : operation === "BatchGetItem"
          ? Object.values(responses ?? {}).reduce((sum: number, items) => sum + (items as unknown[]).length, 0)
          : (output.Count ?? (Array.isArray(output.Items) ? output.Items.length : undefined));
    if (typeof returned === "number") line.returned = returned;
    if (output.ConsumedCapacity) line.capacity = output.ConsumedCapacity;
  }
  const entries = input.Records ?? input.PublishBatchRequestEntries ?? input.Entries;
  if (Array.isArray(entries)) line.entries = entries.length;
  if (operation === "PutRecords" && Array.isArray(input.Records)) {
    line.recordBytes = (input.Records as { Data?: Uint8Array; PartitionKey?: string }[]).map((record) => (record.Data?.byteLength ?? 0) + (record.PartitionKey?.length ?? 0));
  }
  return line;
}

/** A string attribute as the document client passes it (plain) or as DynamoDB takes it (`{ S }`). */
const text = (value: unknown): string | undefined => (typeof value === "string" ? value : (value as { S?: string } | undefined)?.S);

/**
 * The kinds of item a DynamoDB call names: the prefix of each partition key (`USER#…` → `USER`),
 * with the sort key's when it names a different kind of item (`PRODUCT/PAYMENT_SIMULATION`).
 * This middleware runs before lib-dynamodb marshalls its input, so keys come in either form.
 */
function itemKinds(operation: string, input: Record<string, unknown>): string[] {
  const kind = (key: unknown) => {
    const pk = text((key as { pk?: unknown } | undefined)?.pk)?.split("#")[0];
    const sk = text((key as { sk?: unknown } | undefined)?.sk)?.split("#")[0];
    if (pk === undefined) return [];
    // The sort key's marker tells items of one partition apart (`ORDER` and `ORDER/LINE`).
    return [sk !== undefined && sk !== pk && /^[A-Z_]+$/.test(sk) ? `${pk}/${sk}` : pk];
  };
  if (operation === "TransactWriteItems" || operation === "TransactGetItems") {
    return ((input.TransactItems as Record<string, { Key?: unknown; Item?: unknown }>[] | undefined) ?? []).flatMap((entry) =>
      Object.entries(entry).flatMap(([action, target]) => kind(target.Key ?? target.Item).map((prefix) => `${action}:${prefix}`)),
    );
  }
  if (operation === "BatchGetItem") {
    return Object.values((input.RequestItems as Record<string, { Keys?: unknown[] }> | undefined) ?? {}).flatMap((request) => (request.Keys ?? []).flatMap(kind));
  }
  if (operation === "Query") {
    const values = Object.values((input.ExpressionAttributeValues as Record<string, unknown> | undefined) ?? {}).map(text);
    const key = values.find((value) => value !== undefined && /^[A-Z]+#/.test(value));
    return key ? [key.split("#")[0]!] : [];
  }
  return kind(input.Key ?? input.Item);
}
