/**
 * The environment a deployed function sees, rebuilt for offline: SST's `Resource` contract
 * (`SST_RESOURCE_<Name>` JSON, as `sst deploy` injects it for linked resources) and the SDK's
 * standard endpoint variables, so handler code has no local branches.
 */
import type { Link } from "@emporium/functions/manifest";

export interface LocalResources {
  tableName: string;
  cursorSecret: string;
  apiKeyPepper: string;
  userPoolId: string;
  clientId: string;
  apiUrl: string;
}

export interface LocalEndpoints {
  dynamodb: string;
  cognito: string;
}

export const APP = { name: "emporium", stage: "local" } as const;
export const REGION = "us-east-1";

/** Every linkable resource as SST links it: `SST_RESOURCE_<Name>` → JSON. */
function resourceVariables(resources: LocalResources): Record<Link | "App" | "Api", string> {
  const resource = (value: Record<string, string>) => JSON.stringify(value);
  return {
    App: resource(APP),
    Table: resource({ name: resources.tableName, type: "sst.aws.Dynamo" }),
    CursorSecret: resource({ value: resources.cursorSecret, type: "sst.sst.Secret" }),
    ApiKeyPepper: resource({ value: resources.apiKeyPepper, type: "sst.sst.Secret" }),
    UserPool: resource({ id: resources.userPoolId, type: "sst.aws.CognitoUserPool" }),
    UserPoolClient: resource({ id: resources.clientId, secret: "", type: "sst.aws.CognitoUserPoolClient" }),
    Api: resource({ url: resources.apiUrl, type: "sst.aws.ApiGatewayV2" }),
  };
}

/**
 * The environment of one function: `App` and the resources it links (all of them when `links`
 * is absent, for code that runs outside a function, like seeding and tests).
 */
export function functionEnvironment(resources: LocalResources, endpoints: LocalEndpoints, links?: readonly Link[]): Record<string, string> {
  const variables = resourceVariables(resources);
  const visible = links ? (["App", ...links] as const) : (Object.keys(variables) as (keyof typeof variables)[]);
  return {
    ...Object.fromEntries(visible.map((name) => [`SST_RESOURCE_${name}`, variables[name]])),
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    AWS_ACCESS_KEY_ID: "local",
    AWS_SECRET_ACCESS_KEY: "local",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: endpoints.cognito,
    // Set by Lambda itself; Powertools reads it to report cold starts.
    AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
  };
}

/** Applies the environment to this process, where the handlers run. */
export function applyEnvironment(env: Record<string, string>): void {
  Object.assign(process.env, env);
}
