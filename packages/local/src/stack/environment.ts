/**
 * The environment a deployed function sees, rebuilt for offline: SST's `Resource` contract
 * (`SST_RESOURCE_<Name>` JSON, as `sst deploy` injects it for linked resources) and the SDK's
 * standard endpoint variables, so handler code has no local branches.
 */
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

export function functionEnvironment(resources: LocalResources, endpoints: LocalEndpoints): Record<string, string> {
  const resource = (value: Record<string, string>) => JSON.stringify(value);
  return {
    SST_RESOURCE_App: resource(APP),
    SST_RESOURCE_Table: resource({ name: resources.tableName, type: "sst.aws.Dynamo" }),
    SST_RESOURCE_CursorSecret: resource({ value: resources.cursorSecret, type: "sst.sst.Secret" }),
    SST_RESOURCE_ApiKeyPepper: resource({ value: resources.apiKeyPepper, type: "sst.sst.Secret" }),
    SST_RESOURCE_UserPool: resource({ id: resources.userPoolId, type: "sst.aws.CognitoUserPool" }),
    SST_RESOURCE_UserPoolClient: resource({ id: resources.clientId, secret: "", type: "sst.aws.CognitoUserPoolClient" }),
    SST_RESOURCE_Api: resource({ url: resources.apiUrl, type: "sst.aws.ApiGatewayV2" }),
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
