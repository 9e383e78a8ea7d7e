import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Resource } from "sst";

/**
 * One document client per execution environment, created lazily so that importing a domain
 * module never touches the network or `Resource`. The endpoint comes from the SDK's own
 * `AWS_ENDPOINT_URL_DYNAMODB` variable when running offline; no code path differs.
 */
let client: DynamoDBDocumentClient | undefined;

export function documentClient(): DynamoDBDocumentClient {
  client ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return client;
}

export function tableName(): string {
  return Resource.Table.name;
}
