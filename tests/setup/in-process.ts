import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import type { TestProject } from "vitest/node";
import { SIMULATED_PROVIDER } from "@emporium/core/fulfilment";
import { startCognito } from "../../packages/local/src/emulators/cognito.ts";
import { startDynamo } from "../../packages/local/src/emulators/dynamodb.ts";
import { startFauxqsEmulator } from "../../packages/local/src/emulators/fauxqs.ts";
import { startKinesis } from "../../packages/local/src/emulators/kinesis.ts";
import { freePorts } from "../../packages/local/src/emulators/ports.ts";
import { startSes } from "../../packages/local/src/emulators/ses.ts";
import { provisionUserPool } from "../../packages/local/src/provision/cognito.ts";
import { provisionMessaging } from "../../packages/local/src/provision/messaging.ts";
import { provisionTables } from "../../packages/local/src/provision/table.ts";
import { APP, functionEnvironment, REGION, TABLE_NAMES } from "../../packages/local/src/stack/environment.ts";
import { loadSecrets } from "../../packages/local/src/stack/secrets.ts";
import { LOCAL_CREDENTIALS } from "../../packages/local/src/local-account.ts";
import type { ProvidedStack } from "./global.ts";

/**
 * The in-process tests' backing services (vitest.mutation.config.ts): the emulators core code
 * talks to (DynamoDB Local; fauxqs for SQS, SNS and S3; kinesis-local; the local SES; cognito-
 * local), provisioned by the same code as the offline stack (packages/local/src/provision), with
 * the environment a function linking everything would see. Not started: the Lambda host, the
 * gateway, the event sources and the web build, which no in-process test reaches; so nothing
 * consumes the queues, topics and streams here, and the user pool has no triggers.
 */
export default async function setup(project: TestProject) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const quiet = () => {};
  const [dynamoPort, cognitoPort, kinesisPort] = await freePorts(3);
  const cognitoDir = mkdtempSync(join(tmpdir(), "emporium-in-process-cognito-"));
  const stoppers: (() => Promise<unknown>)[] = [async () => rmSync(cognitoDir, { recursive: true, force: true })];
  const stop = async () => {
    for (const stopper of stoppers.reverse()) await stopper().catch(() => undefined);
  };
  // Each emulator is registered for stopping as soon as it runs, whatever else fails to start.
  const started = <T>(starting: Promise<T>, stopOf: (running: T) => () => Promise<unknown>) =>
    starting.then((running) => {
      stoppers.push(stopOf(running));
      return running;
    });
  try {
    const { tableName, idempotencyTableName } = TABLE_NAMES;
    const tables = started(startDynamo({ port: dynamoPort!, log: quiet }), (dynamo) => () => dynamo.stop()).then(async (dynamo) => {
      await provisionTables(dynamo.endpoint, { tableName, idempotencyTableName }, { expectNew: true }); // in memory: always new
      return dynamo;
    });
    const pool = started(startCognito({ port: cognitoPort!, dataDir: cognitoDir, log: quiet }), (cognito) => () => cognito.stop()).then(async (cognito) => {
      const client = new CognitoIdentityProviderClient({ endpoint: cognito.endpoint, region: REGION, credentials: LOCAL_CREDENTIALS });
      try {
        return { cognito, ...(await provisionUserPool(client, `${APP.name}-${APP.stage}-UserPool`)) };
      } finally {
        client.destroy();
      }
    });
    const messaging = Promise.all([
      started(startFauxqsEmulator({ log: quiet }), (fauxqs) => () => fauxqs.stop()),
      started(startKinesis({ port: kinesisPort!, log: quiet }), (kinesis) => () => kinesis.stop()),
    ]).then(async ([fauxqs, kinesis]) => ({
      fauxqs,
      kinesis,
      resources: await provisionMessaging({
        endpoints: { sqs: fauxqs.endpoint, sns: fauxqs.endpoint, s3: fauxqs.endpoint, kinesis: kinesis.endpoint },
        prefix: `${APP.name}-${APP.stage}`,
        region: REGION,
      }),
    }));
    const mail = started(startSes({ port: 0, log: quiet }), (ses) => () => ses.close());
    // Every start settles before a failure is thrown, so nothing still starting is left running.
    const settled = await Promise.allSettled([tables, pool, messaging, mail] as const);
    const failed = settled.find((result) => result.status === "rejected");
    if (failed) throw failed.reason;
    const [dynamo, { cognito, userPoolId, clientId }, { fauxqs, kinesis, resources }, ses] = await Promise.all([tables, pool, messaging, mail]);

    const endpoints = { dynamodb: dynamo.endpoint, cognito: cognito.endpoint, messaging: fauxqs.endpoint, kinesis: kinesis.endpoint, ses: ses.endpoint };
    const linked = {
      tableName,
      idempotencyTableName,
      ...loadSecrets(),
      userPoolId,
      clientId,
      // No gateway runs here; nothing in core reads the API's URL.
      apiUrl: "http://127.0.0.1:9",
      ...resources,
      emailSender: "orders@emporium.local",
    };
    // The stage setting the offline stack gives its functions (packages/local/src/stack/start.ts).
    const environment = { ...functionEnvironment(linked, endpoints), PAYMENT_PROVIDER: SIMULATED_PROVIDER };
    // tests/setup/environment.ts applies `environment`; the in-process tests read nothing else
    // of the stack but these fields (the gateway's, the web app's and the seed users are absent).
    const provided: Partial<ProvidedStack> = {
      environment,
      tableName,
      userPoolId,
      clientId,
      endpoints: { ...endpoints, lambda: "" },
      cognitoDatabase: join(cognitoDir, ".cognito", "db", `${userPoolId}.json`),
      queues: resources.queues,
    };
    project.provide("stack", provided as ProvidedStack);
    return stop;
  } catch (error) {
    await stop();
    throw error;
  }
}
