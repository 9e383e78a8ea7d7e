import { AdminGetUserCommand, type CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import * as Products from "@emporium/core/products";
import * as Users from "@emporium/core/users";
import { catalogue } from "./catalogue";
import { seedUsers, type SeedUser } from "./users";
import { ensurePoolUser } from "../stack/pool-users";

export { seedUsers, type SeedUser } from "./users";
export { catalogue } from "./catalogue";

/** Seeds the catalogue (when empty) through the same core services the API uses. */
export async function seedCatalogue(): Promise<number> {
  const existing = await Products.list(1);
  if (existing.items.length > 0) return 0;
  // Each create takes its id before its first await, so ids (the listing order) follow the
  // catalogue's order although the writes run at once.
  await Promise.all(catalogue.map((product) => Products.create(product)));
  return catalogue.length;
}

/**
 * Puts each development user in the pool (confirmed, permanent password, in its group) and
 * returns their subs. This needs only the pool, so it runs while DynamoDB Local still starts.
 */
export async function seedPoolUsers(cognito: CognitoIdentityProviderClient, userPoolId: string, users: SeedUser[] = seedUsers): Promise<PooledUser[]> {
  return Promise.all(
    users.map(async (user) => {
      await ensurePoolUser(cognito, userPoolId, user);
      const { UserAttributes } = await cognito.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: user.email }));
      const sub = UserAttributes?.find((attribute) => attribute.Name === "sub")?.Value;
      if (!sub) throw new Error(`cognito-local returned no sub for ${user.email}`);
      return { user, sub };
    }),
  );
}

export interface PooledUser {
  user: SeedUser;
  sub: string;
}

/** Gives each pooled development user their profile, through the same core service as the trigger. */
export async function seedProfiles(pooled: PooledUser[]): Promise<void> {
  await Promise.all(pooled.map(({ user, sub }) => Users.ensure({ userId: sub, username: user.email, role: user.role }, { email: user.email, name: user.name })));
}
