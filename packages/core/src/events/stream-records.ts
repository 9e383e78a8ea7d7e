import * as v from "valibot";
import { orderEventSchema, type OrderEvent } from "./contract";

/**
 * How events travel on the analytics stream: several to one Kinesis record, as a JSON array.
 *
 * Kinesis bills writes per 25 KB payload unit of each record and limits a shard to 1,000
 * records a second, so one record per event pays a whole unit for about half a kilobyte. A
 * processor batch's events packed into one record cost a unit per 25 KB instead, and take one
 * record of a shard's budget (the same reason the KPL aggregates). Records written before
 * packing hold a single event object; readers accept both.
 */

/** Kinesis takes at most 1 MiB of data and partition key per record; room is left for the key. */
export const MAX_STREAM_RECORD_BYTES = 1_000_000;

export interface StreamRecord {
  /** The first event's order id: records spread over shards by batch. */
  partitionKey: string;
  data: string;
  events: OrderEvent[];
}

/** Packs events, in order, into as few records as fit under the size limit. */
export function packForStream(events: readonly OrderEvent[]): StreamRecord[] {
  const records: StreamRecord[] = [];
  let current: { events: OrderEvent[]; parts: string[]; bytes: number } | undefined;
  const close = () => {
    if (current) records.push({ partitionKey: current.events[0]!.data.orderId, data: `[${current.parts.join(",")}]`, events: current.events });
    current = undefined;
  };
  for (const event of events) {
    const part = JSON.stringify(event);
    const bytes = Buffer.byteLength(part) + 1; // its comma or bracket
    if (current && current.bytes + bytes > MAX_STREAM_RECORD_BYTES) close();
    current ??= { events: [], parts: [], bytes: 1 };
    current.events.push(event);
    current.parts.push(part);
    current.bytes += bytes;
  }
  close();
  return records;
}

const streamRecordSchema = v.union([
  v.pipe(v.array(orderEventSchema), v.minLength(1)),
  v.pipe(
    orderEventSchema,
    v.transform((event) => [event]),
  ),
]);

/** Reads the events of one stream record (JSON text), validating each against the contract. */
export function readStreamRecord(data: string): OrderEvent[] {
  return v.parse(streamRecordSchema, JSON.parse(data));
}
