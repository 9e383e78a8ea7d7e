import {
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { passwordPolicy, refreshTokenValidityDays, userGroups } from "@emporium/core/identity";

export interface UserPoolIds {
  userPoolId: string;
  clientId: string;
}

const CLIENT_NAME = "UserPoolClient";

/**
 * The user pool, its app client and its groups, as `infra/auth.ts` declares them. Finds and
 * reuses an existing pool of the same name so `bun dev` keeps its users across restarts.
 */
export async function provisionUserPool(client: CognitoIdentityProviderClient, name: string): Promise<UserPoolIds> {
  const { UserPools } = await client.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  const existing = UserPools?.find((pool) => pool.Name === name);
  if (existing?.Id) {
    const { UserPoolClients } = await client.send(new ListUserPoolClientsCommand({ UserPoolId: existing.Id, MaxResults: 60 }));
    const appClient = UserPoolClients?.find((candidate) => candidate.ClientName === CLIENT_NAME);
    if (appClient?.ClientId) return { userPoolId: existing.Id, clientId: appClient.ClientId };
  }
  const { UserPool } = await client.send(
    new CreateUserPoolCommand({
      PoolName: name,
      UsernameAttributes: ["email"],
      AutoVerifiedAttributes: ["email"],
      Policies: {
        PasswordPolicy: {
          MinimumLength: passwordPolicy.minLength,
          RequireUppercase: passwordPolicy.requireUppercase,
          RequireLowercase: passwordPolicy.requireLowercase,
          RequireNumbers: passwordPolicy.requireDigits,
          RequireSymbols: passwordPolicy.requireSymbols,
        },
      },
    }),
  );
  const userPoolId = UserPool!.Id!;
  // The app client and the groups side by side: a start waits for them.
  const [{ UserPoolClient }] = await Promise.all([
    client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: userPoolId,
        ClientName: CLIENT_NAME,
        ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"],
        RefreshTokenValidity: refreshTokenValidityDays,
        TokenValidityUnits: { RefreshToken: "days" },
        EnableTokenRevocation: true,
      }),
    ),
    ...userGroups.map((group) => client.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: group }))),
  ]);
  return { userPoolId, clientId: UserPoolClient!.ClientId! };
}
