import { randomBytes } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { TestProject } from "vitest/node";
import { SIMULATED_PROVIDER } from "@emporium/core/fulfilment";
import { idempotencyTableDefinition } from "@emporium/core/table";
import { startDynamo } from "../../packages/local/src/emulators/dynamodb.ts";
import { freePort } from "../../packages/local/src/emulators/ports.ts";
import { provisionTable } from "../../packages/local/src/provision/table.ts";
import { APP, REGION } from "../../packages/local/src/stack/environment.ts";
import { LOCAL_CREDENTIALS } from "../../packages/local/src/local-account.ts";
import type { ProvidedStack } from "./global.ts";

/**
 * The in-process tests' backing services (vitest.mutation.config.ts): only DynamoDB Local and
 * the two tables, with the links and SDK variables core code reads. Starting the whole offline
 * stack (tests/setup/global.ts) would cost every mutation-test worker a Lambda host, Cognito and
 * the web build that no in-process test reaches.
 */
export default async function setup(project: TestProject) {
  const dynamo = await startDynamo({ port: await freePort(), log: () => {} });
  const tableName = `${APP.name}-${APP.stage}-Table`;
  const idempotencyTableName = `${APP.name}-${APP.stage}-Idempotency`;
  const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: REGION, credentials: LOCAL_CREDENTIALS });
  try {
    await Promise.all([provisionTable(client, tableName), provisionTable(client, idempotencyTableName, idempotencyTableDefinition)]);
  } catch (error) {
    await dynamo.stop();
    throw error;
  } finally {
    client.destroy();
  }
  const link = (value: Record<string, string>) => JSON.stringify(value);
  const environment = {
    SST_RESOURCE_App: link(APP),
    SST_RESOURCE_Table: link({ name: tableName, type: "sst.aws.Dynamo" }),
    SST_RESOURCE_Idempotency: link({ name: idempotencyTableName, type: "sst.aws.Dynamo" }),
    SST_RESOURCE_CursorSecret: link({ value: randomBytes(32).toString("base64url"), type: "sst.sst.Secret" }),
    SST_RESOURCE_ApiKeyPepper: link({ value: randomBytes(32).toString("base64url"), type: "sst.sst.Secret" }),
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    // The stage setting the offline stack gives its functions (packages/local/src/stack/start.ts).
    PAYMENT_PROVIDER: SIMULATED_PROVIDER,
  };
  // tests/setup/environment.ts applies `environment`, and the in-process tests read nothing of
  // the stack but that and the DynamoDB endpoint; the other services are not started here.
  project.provide("stack", { environment, tableName, endpoints: { dynamodb: dynamo.endpoint } } as unknown as ProvidedStack);
  return () => dynamo.stop();
}
