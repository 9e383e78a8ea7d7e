import { ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { get } from "./http";
import { offlineStack } from "./target";
import { adminToken } from "./users";
import { waitFor } from "./wait";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../../packages/local/src/local-account";

import type { OutboxMail } from "../../packages/local/src/emulators/ses";

export type { OutboxMail };

/** Every e-mail the local SES endpoint has received. */
export async function outbox(): Promise<OutboxMail[]> {
  const response = await fetch(`${offlineStack("The local SES outbox").endpoints.ses}/outbox`);
  return (await response.json()) as OutboxMail[];
}

export const mailsAbout = async (orderId: string) => (await outbox()).filter((mail) => mail.subject.includes(orderId));

export function sqsClient(): SQSClient {
  return new SQSClient({ endpoint: offlineStack("The local queues").endpoints.messaging, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
}

/** Reads (and leaves in place) up to `max` messages of a queue by URL. */
export async function peek(queueUrl: string, max = 100): Promise<{ body: string; receiveCount: number }[]> {
  const client = sqsClient();
  const seen = new Map<string, { body: string; receiveCount: number }>();
  try {
    for (let round = 0; round < Math.ceil(max / 10) + 2; round++) {
      const { Messages } = await client.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 5, WaitTimeSeconds: 0, MessageSystemAttributeNames: ["All"] }),
      );
      if (!Messages?.length) break;
      for (const message of Messages) {
        seen.set(message.MessageId!, { body: message.Body!, receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? 0) });
      }
    }
  } finally {
    client.destroy();
  }
  return [...seen.values()];
}

export async function waitForStatus(orderId: string, token: string, status: string, timeoutMs = 20_000) {
  return waitFor(`order ${orderId} to be ${status}`, async () => {
    const order = await get(`/orders/${orderId}`, { token });
    return order.body.status === status ? order.body : undefined;
  }, timeoutMs);
}

export async function salesOf(productId: string, day: string) {
  const response = await get(`/analytics/sales?from=${day}&to=${day}&productId=${productId}`, { token: await adminToken() });
  return response.body.items as { productId: string; day: string; quantity: number; revenue: { amount: number; currency: string }; orders: number }[];
}
