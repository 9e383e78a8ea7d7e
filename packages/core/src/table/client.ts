import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Resource } from "sst";
import { metered } from "../aws/meter";

/**
 * One DynamoDB client per execution environment, created lazily so that importing a domain
 * module never touches the network or `Resource`. The endpoint comes from the SDK's own
 * `AWS_ENDPOINT_URL_DYNAMODB` variable when running offline; no code path differs. The document
 * client shares its middleware (so its meter, ../aws/meter.ts) and connections; code that needs
 * a plain client (Powertools idempotency) takes `dynamodbClient()`, so every call is metered alike.
 */
let plain: DynamoDBClient | undefined;
let client: DynamoDBDocumentClient | undefined;

export function dynamodbClient(): DynamoDBClient {
  plain ??= metered(new DynamoDBClient({}));
  return plain;
}

export function documentClient(): DynamoDBDocumentClient {
  client ??= DynamoDBDocumentClient.from(dynamodbClient(), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return client;
}

export function tableName(): string {
  return Resource.Table.name;
}
