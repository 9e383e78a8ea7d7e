import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { signInWith, type Tokens } from "@emporium/local/stack";

export type { Tokens };

/**
 * A user pool reached through Cognito's own API, the same calls on AWS and against
 * cognito-local: the test run's global setup, tests/support/users.ts and the remote run's user
 * setup (tests/stage/users.ts) all create and sign users in here. No vitest imports, so the
 * remote runner can use it before any test starts.
 */
export interface Pool {
  region: string;
  /** cognito-local's URL; unset on AWS (the SDK derives the endpoint from the region). */
  endpoint?: string;
}

export interface PoolUser {
  email: string;
  password: string;
  role: "admin" | "customer";
}

/** Credentials come from the environment's chain (sst shell, CI's role), except for the emulator, which takes any. */
export function poolClient(pool: Pool): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    region: pool.region,
    ...(pool.endpoint ? { endpoint: pool.endpoint } : {}),
  });
}

/**
 * A confirmed user with a permanent password in the group of their role, whether or not they
 * existed: created by an administrator (no e-mail is sent, no sign-up trigger runs), so their
 * profile appears on their first request.
 */
export async function ensureUser(client: CognitoIdentityProviderClient, userPoolId: string, user: PoolUser): Promise<void> {
  try {
    await client.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: user.email,
        MessageAction: "SUPPRESS",
        UserAttributes: [{ Name: "email", Value: user.email }, { Name: "email_verified", Value: "true" }],
      }),
    );
  } catch (error) {
    if ((error as Error).name !== "UsernameExistsException") throw error;
  }
  await client.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: user.email, Password: user.password, Permanent: true }));
  await client.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: user.email, GroupName: user.role }));
}

/** Signs a user in with USER_PASSWORD_AUTH, as the API's login route does. */
export async function signInTo(pool: Pool, clientId: string, email: string, password: string): Promise<Tokens> {
  const client = poolClient(pool);
  try {
    return await signInWith(client, clientId, email, password);
  } finally {
    client.destroy();
  }
}

/** The region of a user pool, from its id (`eu-west-1_AbC123`). */
export const regionOfPool = (userPoolId: string) => userPoolId.split("_")[0]!;
