import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { Resource } from "sst";

/** One Cognito client per execution environment; the endpoint comes from the SDK's variables. */
let client: CognitoIdentityProviderClient | undefined;

export function cognito(): CognitoIdentityProviderClient {
  client ??= new CognitoIdentityProviderClient({});
  return client;
}

export const userPoolId = (): string => Resource.UserPool.id;
export const appClientId = (): string => Resource.UserPoolClient.id;

