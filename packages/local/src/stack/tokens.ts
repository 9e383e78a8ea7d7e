import { CognitoIdentityProviderClient, InitiateAuthCommand } from "@aws-sdk/client-cognito-identity-provider";
import { REGION } from "./environment";
import { LOCAL_CREDENTIALS } from "../local-account";

export interface Tokens {
  accessToken: string;
  idToken: string;
  refreshToken: string;
}

/** Signs a user in against the (local) user pool with USER_PASSWORD_AUTH. */
export async function signIn(cognitoEndpoint: string, clientId: string, email: string, password: string): Promise<Tokens> {
  const client = new CognitoIdentityProviderClient({
    endpoint: cognitoEndpoint,
    region: REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  try {
    return await signInWith(client, clientId, email, password);
  } finally {
    client.destroy();
  }
}

/** Signs a user in with USER_PASSWORD_AUTH, as the API's login route does, through any pool's client. */
export async function signInWith(client: CognitoIdentityProviderClient, clientId: string, email: string, password: string): Promise<Tokens> {
  const { AuthenticationResult } = await client.send(
    new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: email, PASSWORD: password } }),
  );
  return {
    accessToken: AuthenticationResult!.AccessToken!,
    idToken: AuthenticationResult!.IdToken!,
    refreshToken: AuthenticationResult!.RefreshToken!,
  };
}
