/**
 * Each DynamoDB call against its theoretical minimum: what the same call would consume if every
 * item it touched were small (≤ 1 KB written, ≤ 4 KB read) and no index had to be written —
 * 0.5 RCU for an eventually consistent read, 1 for a strongly consistent one, 1 WCU per write,
 * twice that inside a transaction — and why it consumed more.
 */
import type { DynamoCall } from "./usage";

/** Why an item kind (partition-key prefix, or table) is read or written. */
const PURPOSE: Record<string, string> = {
  LIMIT: "the caller's rate-limit bucket (every request)",
  USER: "the user's orders",
  "USER/PROFILE": "the user's profile",
  PRODUCT: "a product",
  "PRODUCT/PAYMENT_SIMULATION": "the payment simulator's settings (offline stages only)",
  ORDER: "the order",
  "ORDER/LINE": "an order line",
  DONE: "a consumer's exactly-once marker",
  PAYMENT: "the payment simulator's ledger (offline stages only)",
  SALES: "a sales counter",
  "SALES/DAY": "a sales counter",
  APIKEY: "an API key",
  EXPORT: "an export job",
  Idempotency: "the Idempotency-Key record",
};

export interface CallGroup {
  key: string;
  functionName: string;
  call: string;
  purpose: string;
  /** Calls per run of the operation. */
  count: number;
  read: number;
  write: number;
  minimum: number;
  /** Units charged that the emulator did not report (see minimumOf). */
  estimated: number;
  reasons: string[];
}

const TRANSACTIONS = new Set(["TransactWriteItems", "TransactGetItems"]);
const READS = new Set(["GetItem", "BatchGetItem", "Query", "Scan", "TransactGetItems"]);

/**
 * The minimum capacity of one call, and the units AWS charges that the emulator did not report:
 * a failed conditional write reports none; DynamoDB Local reports nothing for a key a batch read
 * did not find (DynamoDB charges the read of a missing item like that of a small one), and less
 * on the base table than 2 units per item for some write transactions. For writes the minimum
 * is compared with the base table's units, index writes coming on top.
 */
export function minimumOf(call: DynamoCall): { minimum: number; unreported: number } {
  const factor = TRANSACTIONS.has(call.operation) ? 2 : 1;
  const items = Math.max(1, call.operation.startsWith("Batch") || TRANSACTIONS.has(call.operation) ? call.items.length : 1);
  const perItem = READS.has(call.operation) ? (call.consistentRead || TRANSACTIONS.has(call.operation) ? 1 : 0.5) : 1;
  const minimum = factor * items * perItem;
  const reported = READS.has(call.operation) ? call.read + call.write : call.read + call.write === 0 ? 0 : call.tableUnits;
  return { minimum, unreported: Math.max(0, minimum - reported) };
}

/** Units charged for a call: as reported, or its minimum when the emulator reported less. */
export function chargedUnits(call: DynamoCall): { read: number; write: number } {
  const { unreported } = minimumOf(call);
  return READS.has(call.operation) ? { read: call.read + unreported, write: call.write } : { read: call.read, write: call.write + unreported };
}

export function groupCalls(calls: readonly DynamoCall[], runs: number): CallGroup[] {
  const groups = new Map<string, CallGroup>();
  for (const call of calls) {
    const what = `${call.operation} ${call.table}${call.index ? `.${call.index}` : ""}${call.items.length ? ` ${[...new Set(call.items)].join(",")}` : ""}`;
    const key = `${call.functionName}|${what}|${call.consistentRead}|${call.failed ?? ""}`;
    const group =
      groups.get(key) ??
      groups
        .set(key, {
          key,
          functionName: call.functionName,
          call: `${what}${call.consistentRead ? " (consistent)" : ""}${call.failed ? ` → ${call.failed}` : ""}`,
          purpose: purposeOf(call),
          count: 0,
          read: 0,
          write: 0,
          minimum: 0,
          estimated: 0,
          reasons: [],
        })
        .get(key)!;
    const { minimum, unreported } = minimumOf(call);
    const charged = chargedUnits(call);
    group.count += 1 / runs;
    group.read += charged.read / runs;
    group.write += charged.write / runs;
    group.estimated += unreported / runs;
    group.minimum += minimum / runs;
    for (const reason of reasonsFor(call, minimum)) if (!group.reasons.includes(reason)) group.reasons.push(reason);
  }
  return [...groups.values()];
}

function purposeOf(call: DynamoCall): string {
  const kinds = [...new Set(call.items.map((item) => item.split(":").at(-1)!))];
  if (call.table === "Idempotency") return PURPOSE.Idempotency!;
  if (call.index === "gsi1" && kinds.length === 0) return "a catalogue page";
  if (call.operation === "Query" && call.index === undefined && kinds[0] === "ORDER") return "the order and its lines";
  return [...new Set(kinds.map((kind) => PURPOSE[kind] ?? PURPOSE[kind.split("/")[0]!] ?? kind))].join(", ") || "?";
}

/** Why a call consumed more than its minimum, and what the minimum already includes by design. */
function reasonsFor(call: DynamoCall, minimum: number): string[] {
  const reasons: string[] = [];
  const read = READS.has(call.operation);
  if (TRANSACTIONS.has(call.operation)) reasons.push("transaction: 2× the units of plain reads/writes (by design: all or nothing)");
  if (call.consistentRead && read) reasons.push("strongly consistent read: 2× an eventually consistent one");
  if (call.failed) reasons.push(`failed (${call.failed}): charged its minimum, not reported by DynamoDB`);
  else if (minimumOf(call).unreported > 0) {
    reasons.push(
      read
        ? `DynamoDB Local reported ${call.read} for ${call.returned ?? "?"} item(s) found; charged the minimum, as DynamoDB charges reads of missing items`
        : `DynamoDB Local reported ${call.tableUnits} on the table, below the minimum; charged the minimum plus the index writes`,
    );
  }
  const charged = chargedUnits(call);
  if (charged.read + charged.write <= minimum + 1e-9) return reasons;
  const indexes = Object.entries(call.indexUnits).filter(([, units]) => units > 0);
  if (indexes.length > 0 && !read) {
    reasons.push(`index writes: ${indexes.map(([name, units]) => `${name} ${units}`).join(", ")} WCU (the item is projected into the index; a changed index key is a delete and a put)`);
  }
  if ((read ? call.read : call.tableUnits) - minimum > 1e-9) {
    reasons.push(
      read
        ? `read more than 4 KB${call.returned !== undefined ? ` (${call.returned} item(s))` : ""}: units are per 4 KB read`
        : "an item over 1 KB: write units are per 1 KB of the larger of the old and new item",
    );
  }
  return reasons;
}
