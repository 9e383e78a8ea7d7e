import { fileURLToPath } from "node:url";
import { AdminGetUserCommand, type CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import type { Role } from "@emporium/core/auth";
import { seedUsers, type SeedUser } from "./users";
import { ensurePoolUser } from "../stack/pool-users";

export { seedUsers, type SeedUser } from "./users";
export { catalogue } from "./catalogue";

/** A development user's profile, keyed by the id the pool gave them. */
export interface SeedProfile {
  userId: string;
  email: string;
  name: string;
  role: Role;
}

/** What the seed function (./handler.ts) is invoked with. */
export interface SeedEvent {
  profiles: SeedProfile[];
}

/**
 * The seed function as the function host runs it: not in the manifest, never deployed. Its
 * handler is named by absolute path, as it belongs to this package rather than to the app.
 */
export const seedFunction = {
  name: "Seed",
  handler: `${fileURLToPath(new URL("./handler", import.meta.url))}.handler`,
  memoryMb: 1024,
  timeoutMs: 60_000,
} as const;

/** Creates each development user in the pool (confirmed, permanent password, in its group); their profiles, for the seed function. */
export async function seedPoolUsers(cognito: CognitoIdentityProviderClient, userPoolId: string, users: SeedUser[] = seedUsers): Promise<SeedProfile[]> {
  return Promise.all(
    users.map(async (user) => {
      await ensurePoolUser(cognito, userPoolId, user);
      const { UserAttributes } = await cognito.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: user.email }));
      const userId = UserAttributes?.find((attribute) => attribute.Name === "sub")?.Value;
      if (!userId) throw new Error(`cognito-local returned no sub for ${user.email}`);
      return { userId, email: user.email, name: user.name, role: user.role };
    }),
  );
}
