import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
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
 * calls on AWS and against cognito-local. Resolves with the user's id (`sub`).
 */
export async function ensurePoolUser(client: CognitoIdentityProviderClient, userPoolId: string, user: PoolUser): Promise<string> {
  let created: string | undefined;
  try {
    const { User } = await client.send(
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
    created = subOf(User?.Attributes);
  } catch (error) {
    if (!(error instanceof UsernameExistsException)) throw error;
  }
  // Neither needs the other: side by side (a start waits for these users). A user who was
  // there already is read for their id.
  const [, , existing] = await Promise.all([
    client.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: user.email, Password: user.password, Permanent: true })),
    client.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: user.email, GroupName: user.role })),
    created ? undefined : client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: user.email })),
  ]);
  const sub = created ?? subOf(existing?.UserAttributes);
  if (!sub) throw new Error(`the user pool returned no sub for ${user.email}`);
  return sub;
}

const subOf = (attributes: { Name?: string; Value?: string }[] | undefined) => attributes?.find((attribute) => attribute.Name === "sub")?.Value;
