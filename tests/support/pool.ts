import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { ensurePoolUser, signInWith, type PoolUser, type Tokens } from "@emporium/local/stack";

export type { PoolUser, Tokens };
/** A confirmed user with a permanent password in the group of their role, whether or not they existed. */
export { ensurePoolUser as ensureUser };

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

/** Credentials come from the environment's chain (sst shell, CI's role), except for the emulator, which takes any. */
export function poolClient(pool: Pool): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    region: pool.region,
    ...(pool.endpoint ? { endpoint: pool.endpoint } : {}),
  });
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
