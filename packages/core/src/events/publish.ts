import { PutRecordCommand } from "@aws-sdk/client-kinesis";
import { PublishCommand } from "@aws-sdk/client-sns";
import { Resource } from "sst";
import { kinesis, sns } from "../aws/clients";
import type { OrderEvent } from "./contract";

/**
 * Publishes an event to the order-events topic, with `type` and `status` message attributes
 * for subscription filter policies, and to the analytics stream, keyed by order so one order's
 * events stay in order.
 */
export async function publishOrderEvent(event: OrderEvent): Promise<void> {
  const body = JSON.stringify(event);
  await Promise.all([
    sns().send(
      new PublishCommand({
        TopicArn: Resource.OrderEvents.arn,
        Message: body,
        MessageAttributes: {
          type: { DataType: "String", StringValue: event.type },
          status: { DataType: "String", StringValue: event.data.status },
        },
      }),
    ),
    kinesis().send(new PutRecordCommand({ StreamName: Resource.Analytics.name, PartitionKey: event.data.orderId, Data: Buffer.from(body) })),
  ]);
}
