import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  UsernameExistsException,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";

export interface PoolUser {
  email: string;
  password: string;
  role: "admin" | "customer";
  name?: string;
}

/**
 * A confirmed user with a permanent password in the group of their role, whether or not they
 * existed: created by an administrator (no e-mail is sent, no sign-up trigger runs). The same
 * calls on AWS and against cognito-local: the seed and the tests' pool setup both use it.
 */
export async function ensurePoolUser(client: CognitoIdentityProviderClient, userPoolId: string, user: PoolUser): Promise<void> {
  try {
    await client.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: user.email,
        MessageAction: "SUPPRESS",
        UserAttributes: [
          { Name: "email", Value: user.email },
          { Name: "email_verified", Value: "true" },
          ...(user.name ? [{ Name: "name", Value: user.name }] : []),
        ],
      }),
    );
  } catch (error) {
    if (!(error instanceof UsernameExistsException)) throw error;
  }
  await client.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: user.email, Password: user.password, Permanent: true }));
  await client.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: user.email, GroupName: user.role }));
}
