import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import { KinesisClient } from "@aws-sdk/client-kinesis";
import { SQSClient } from "@aws-sdk/client-sqs";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { EventSourcesOptions } from "./options";
import { LOCAL_CREDENTIALS } from "../local-account";

/** SDK clients for the emulators the mappings use, each made on first use and destroyed together. */
export class Clients {
  private readonly made: { destroy(): void }[] = [];
  private dynamodbClient?: DynamoDBClient;
  private streamsClient?: DynamoDBStreamsClient;
  private kinesisClient?: KinesisClient;
  private sqsClient?: SQSClient;

  constructor(private readonly options: Pick<EventSourcesOptions, "region" | "endpoints" | "credentials">) {}

  get dynamodb(): DynamoDBClient {
    return (this.dynamodbClient ??= this.track(new DynamoDBClient(this.config("dynamodb"))));
  }

  /** DynamoDB Local serves the Streams API on its own endpoint. */
  get streams(): DynamoDBStreamsClient {
    return (this.streamsClient ??= this.track(new DynamoDBStreamsClient(this.config("dynamodb"))));
  }

  /** HTTP/1.1: kinesis-local fails a few percent of HTTP/2 calls (and AWS serves both). */
  get kinesis(): KinesisClient {
    return (this.kinesisClient ??= this.track(new KinesisClient({ ...this.config("kinesis"), requestHandler: new NodeHttpHandler() })));
  }

  get sqs(): SQSClient {
    return (this.sqsClient ??= this.track(new SQSClient(this.config("sqs"))));
  }

  destroy(): void {
    for (const client of this.made.splice(0)) client.destroy();
  }

  private config(service: keyof EventSourcesOptions["endpoints"]) {
    const endpoint = this.options.endpoints[service];
    if (!endpoint) throw new Error(`an event source needs the ${service} endpoint, which was not given`);
    return { endpoint, region: this.options.region, credentials: this.options.credentials ?? LOCAL_CREDENTIALS };
  }

  private track<T extends { destroy(): void }>(client: T): T {
    this.made.push(client);
    return client;
  }
}
