import type { KinesisStreamRecordJson } from "./kinesis-record";
import type { SQSRecordJson } from "./sqs-record";

/*
 * What Lambda matches a mapping's filter patterns against, per source. Payloads that hold JSON
 * are matched as parsed JSON; others stay the string they are, so a pattern on their fields
 * cannot match them and only plain-value patterns can (Lambda's rule for non-JSON payloads).
 * DynamoDB records are matched as they are delivered.
 */

/** SQS: the whole record, `body` parsed when it is JSON. */
export function sqsFilterSubject(record: SQSRecordJson): Record<string, unknown> {
  return { ...record, body: parseJson(record.body) ?? record.body };
}

/** Kinesis: the record's `kinesis` properties, `data` decoded when it is JSON (else still base64). */
export function kinesisFilterSubject(record: KinesisStreamRecordJson): Record<string, unknown> {
  const text = Buffer.from(record.kinesis.data, "base64").toString("utf8");
  return { ...record.kinesis, data: parseJson(text) ?? record.kinesis.data };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
