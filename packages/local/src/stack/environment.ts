/**
 * The environment a deployed function sees, rebuilt for offline: SST's `Resource` contract
 * (`SST_RESOURCE_<Name>` JSON, as `sst deploy` injects it for linked resources) and the SDK's
 * standard endpoint variables, so handler code has no local branches.
 */
import type { buckets, kinesisStreams, Link, QueueName, TopicName } from "@emporium/functions/manifest";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../local-account";

export interface LocalResources {
  tableName: string;
  idempotencyTableName: string;
  cursorSecret: string;
  apiKeyPepper: string;
  edgeSecret: string;
  userPoolId: string;
  clientId: string;
  apiUrl: string;
  topics: Record<TopicName, { arn: string }>;
  queues: Record<QueueName, { url: string }>;
  kinesisStreams: Record<keyof typeof kinesisStreams, { name: string }>;
  buckets: Record<keyof typeof buckets, { name: string }>;
  emailSender: string;
}

export interface LocalEndpoints {
  dynamodb: string;
  cognito: string;
  /** fauxqs serves SQS, SNS and S3 on one endpoint. */
  messaging: string;
  kinesis: string;
  ses: string;
}

export const APP = { name: "emporium", stage: "local" } as const;
/** The physical names of the stage's two tables. */
export const TABLE_NAMES = { tableName: `${APP.name}-${APP.stage}-Table`, idempotencyTableName: `${APP.name}-${APP.stage}-Idempotency` } as const;
export const REGION = LOCAL_REGION;

const resource = (value: Record<string, string>) => JSON.stringify(value);
const dynamoResource = (name: string) => resource({ name, type: "sst.aws.Dynamo" });
const secretResource = (value: string) => resource({ value, type: "sst.sst.Secret" });

/** Every linkable resource as SST links it: `SST_RESOURCE_<Name>` → JSON. */
function resourceVariables(resources: LocalResources): Record<Link | "App" | "Api", string> {
  return {
    App: resource(APP),
    Table: dynamoResource(resources.tableName),
    Idempotency: dynamoResource(resources.idempotencyTableName),
    CursorSecret: secretResource(resources.cursorSecret),
    ApiKeyPepper: secretResource(resources.apiKeyPepper),
    EdgeSecret: secretResource(resources.edgeSecret),
    UserPool: resource({ id: resources.userPoolId, type: "sst.aws.CognitoUserPool" }),
    UserPoolClient: resource({ id: resources.clientId, secret: "", type: "sst.aws.CognitoUserPoolClient" }),
    Api: resource({ url: resources.apiUrl, type: "sst.aws.ApiGatewayV2" }),
    Email: resource({ sender: resources.emailSender, configSet: "", type: "sst.aws.Email" }),
    ...mapValues(resources.topics, ({ arn }) => resource({ arn, type: "sst.aws.SnsTopic" })),
    ...mapValues(resources.queues, ({ url }) => resource({ url, type: "sst.aws.Queue" })),
    ...mapValues(resources.kinesisStreams, ({ name }) => resource({ name, type: "sst.aws.KinesisStream" })),
    ...mapValues(resources.buckets, ({ name }) => resource({ name, type: "sst.aws.Bucket" })),
  };
}

function mapValues<K extends string, V, R>(record: Record<K, V>, map: (value: V) => R): Record<K, R> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value as V)])) as Record<K, R>;
}

/**
 * The environment of one function: `App` and the resources it links (all of them when `links`
 * is absent, for code that runs outside a function, like tests).
 */
export function functionEnvironment(resources: LocalResources, endpoints: LocalEndpoints, links?: readonly Link[]): Record<string, string> {
  const variables = resourceVariables(resources);
  const visible = links ? (["App", ...links] as const) : (Object.keys(variables) as (keyof typeof variables)[]);
  return {
    ...Object.fromEntries(visible.map((name) => [`SST_RESOURCE_${name}`, variables[name]])),
    ...sdkVariables(endpoints),
  };
}

/**
 * The seed's environment. It writes the catalogue and the development users' profiles through
 * core, which reads only the table and the cursor secret (a listing's cursor), so it needs
 * nothing else and can run as soon as the table exists, before the other emulators answer.
 */
export function seedEnvironment(resources: Pick<LocalResources, "tableName" | "cursorSecret">, dynamodbEndpoint: string): Record<string, string> {
  return {
    SST_RESOURCE_App: resource(APP),
    SST_RESOURCE_Table: dynamoResource(resources.tableName),
    SST_RESOURCE_CursorSecret: secretResource(resources.cursorSecret),
    ...sdkVariables({ dynamodb: dynamodbEndpoint }),
  };
}

/** The SDK's region and credentials, and the endpoint of each emulator given. */
function sdkVariables(endpoints: Partial<LocalEndpoints>): Record<string, string> {
  const endpointVariables = {
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: endpoints.cognito,
    AWS_ENDPOINT_URL_SQS: endpoints.messaging,
    AWS_ENDPOINT_URL_SNS: endpoints.messaging,
    AWS_ENDPOINT_URL_S3: endpoints.messaging,
    AWS_ENDPOINT_URL_KINESIS: endpoints.kinesis,
    AWS_ENDPOINT_URL_SESV2: endpoints.ses,
  };
  return {
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_EC2_METADATA_DISABLED: "true",
    ...Object.fromEntries(Object.entries(endpointVariables).filter((entry): entry is [string, string] => entry[1] !== undefined)),
    // Set by Lambda itself; Powertools reads it to report cold starts.
    AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
    // Lambda runs them on nodejs22.x, where the SDK has no notice about the Node version to give.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
}
