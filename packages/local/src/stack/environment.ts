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
export const REGION = LOCAL_REGION;

/** Every linkable resource as SST links it: `SST_RESOURCE_<Name>` → JSON. */
function resourceVariables(resources: LocalResources): Record<Link | "App" | "Api", string> {
  const resource = (value: Record<string, string>) => JSON.stringify(value);
  return {
    App: resource(APP),
    Table: resource({ name: resources.tableName, type: "sst.aws.Dynamo" }),
    Idempotency: resource({ name: resources.idempotencyTableName, type: "sst.aws.Dynamo" }),
    CursorSecret: resource({ value: resources.cursorSecret, type: "sst.sst.Secret" }),
    ApiKeyPepper: resource({ value: resources.apiKeyPepper, type: "sst.sst.Secret" }),
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
 * is absent, for the seed and for code that runs outside a function, like tests).
 */
export function functionEnvironment(resources: LocalResources, endpoints: LocalEndpoints, links?: readonly Link[]): Record<string, string> {
  const variables = resourceVariables(resources);
  const visible = links ? (["App", ...links] as const) : (Object.keys(variables) as (keyof typeof variables)[]);
  return {
    ...Object.fromEntries(visible.map((name) => [`SST_RESOURCE_${name}`, variables[name]])),
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: endpoints.cognito,
    AWS_ENDPOINT_URL_SQS: endpoints.messaging,
    AWS_ENDPOINT_URL_SNS: endpoints.messaging,
    AWS_ENDPOINT_URL_S3: endpoints.messaging,
    AWS_ENDPOINT_URL_KINESIS: endpoints.kinesis,
    AWS_ENDPOINT_URL_SESV2: endpoints.ses,
    // Set by Lambda itself; Powertools reads it to report cold starts.
    AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
    // Lambda runs them on nodejs22.x, where the SDK has no notice about the Node version to give.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
}
