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
  for (const product of catalogue) await Products.create(product);
  return catalogue.length;
}

/** Creates each development user (confirmed, permanent password, in its group) and their profile. */
export async function seedAccounts(cognito: CognitoIdentityProviderClient, userPoolId: string, users: SeedUser[] = seedUsers) {
  await Promise.all(users.map((user) => seedAccount(cognito, userPoolId, user)));
}

async function seedAccount(cognito: CognitoIdentityProviderClient, userPoolId: string, user: SeedUser) {
  await ensurePoolUser(cognito, userPoolId, user);
  const { UserAttributes } = await cognito.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: user.email }));
  const sub = UserAttributes?.find((attribute) => attribute.Name === "sub")?.Value;
  if (!sub) throw new Error(`cognito-local returned no sub for ${user.email}`);
  await Users.ensure({ userId: sub, username: user.email, role: user.role }, { email: user.email, name: user.name });
}
