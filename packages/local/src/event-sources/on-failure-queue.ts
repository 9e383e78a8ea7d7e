import { SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { Lifecycle } from "./lifecycle";

const ATTEMPTS = 3;
const BACKOFF_MS = 500;

/**
 * Sends on-failure records to an SQS queue. A record that cannot be sent after a few tries is
 * logged in full and the shard moves on regardless, rather than blocking it behind a queue
 * that is gone.
 */
export function onFailureQueue(sqs: SQSClient, queueUrl: string, lifecycle: Lifecycle, log: (line: string) => void) {
  return async function send(body: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }), { abortSignal: lifecycle.signal });
        return;
      } catch (error) {
        if (lifecycle.stopped) throw error;
        if (attempt === ATTEMPTS) {
          log(`could not send to the on-failure queue ${queueUrl} (${(error as Error).message}); the record was: ${body}`);
          return;
        }
        await lifecycle.sleep(BACKOFF_MS * attempt);
      }
    }
  };
}
