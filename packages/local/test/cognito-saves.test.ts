/**
 * cognito-local's pool files under many saves at once (./cognito-local-targets.cjs makes them
 * go one after another, each written whole): the file stays valid JSON with every user, and a
 * cognito-local started again on the folder serves the pool. Before, sign-ins and global
 * sign-outs six at a time left the pool's file invalid in every run, and cognito-local refused
 * to start on it.
 */
import { readdirSync, readFileSync, rmSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, describe, expect, it } from "vitest";
import { startCognito } from "../src/emulators/cognito";
import { freePort } from "../src/emulators/ports";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../src/local-account";

const dataDir = mkdtempSync(join(tmpdir(), "emporium-cognito-saves-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const users = Array.from({ length: 6 }, (_, i) => `user${i}@example.com`);
const password = "Passw0rd!saves";

async function withCognito<T>(use: (client: CognitoIdentityProviderClient) => Promise<T>): Promise<T> {
  const cognito = await startCognito({ port: await freePort(), dataDir, log: () => undefined });
  const client = new CognitoIdentityProviderClient({ endpoint: cognito.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  try {
    return await use(client);
  } finally {
    client.destroy();
    await cognito.stop();
  }
}

const signIn = (client: CognitoIdentityProviderClient, clientId: string, username: string) =>
  client.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: username, PASSWORD: password } }));

describe("cognito-local's saves", () => {
  it("leave a pool's file whole under saves at once, and cognito-local starts again on it", async () => {
    const { poolId, clientId } = await withCognito(async (client) => {
      const { UserPool } = await client.send(new CreateUserPoolCommand({ PoolName: "saves" }));
      const poolId = UserPool!.Id!;
      const { UserPoolClient } = await client.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "saves", ExplicitAuthFlows: ["USER_PASSWORD_AUTH"] }));
      await Promise.all(
        users.map(async (username) => {
          await client.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: username, MessageAction: "SUPPRESS" }));
          await client.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: password, Permanent: true }));
        }),
      );
      // Sign-ins grow the file (each keeps a refresh token); global sign-outs shrink it.
      for (let round = 0; round < 25; round++) {
        await Promise.all(
          users.map((username, i) =>
            (round + i) % 3 === 0 ? client.send(new AdminUserGlobalSignOutCommand({ UserPoolId: poolId, Username: username })) : signIn(client, UserPoolClient!.ClientId!, username),
          ),
        );
      }
      return { poolId, clientId: UserPoolClient!.ClientId! };
    });

    const files = readdirSync(join(dataDir, ".cognito", "db"));
    expect(files.filter((file) => file.endsWith(".partial"))).toEqual([]);
    const pool = JSON.parse(readFileSync(join(dataDir, ".cognito", "db", `${poolId}.json`), "utf8")) as { Users: Record<string, unknown> };
    expect(Object.keys(pool.Users)).toHaveLength(users.length);

    await withCognito(async (client) => {
      const { AuthenticationResult } = await signIn(client, clientId, users[0]!);
      expect(AuthenticationResult?.AccessToken).toEqual(expect.any(String));
    });
  }, 60_000);
});
