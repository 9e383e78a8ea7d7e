import { randomUUID } from "node:crypto";
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { inject } from "vitest";
import { signIn, type Tokens } from "@emporium/local/stack";

const stack = () => inject("stack");

export function cognito(): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    endpoint: stack().endpoints.cognito,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
}

const cache = new Map<string, Promise<Tokens>>();

/** Tokens for a seeded user (admin@example.com, customer@example.com, customer2@example.com). */
export function tokensFor(email: string): Promise<Tokens> {
  const user = stack().users.find((candidate) => candidate.email === email);
  if (!user) throw new Error(`${email} is not a seeded user`);
  if (!cache.has(email)) cache.set(email, signIn(stack().endpoints.cognito, stack().clientId, user.email, user.password));
  return cache.get(email)!;
}

export const adminToken = async () => (await tokensFor("admin@example.com")).accessToken;
export const customerToken = async () => (await tokensFor("customer@example.com")).accessToken;

/**
 * A brand-new confirmed user of its own, so a test's orders are its own. Created by an
 * administrator in the pool (no sign-up trigger), so their profile appears on first use.
 */
export async function newUser(role: "customer" | "admin" = "customer"): Promise<Tokens & { email: string; password: string }> {
  const email = `user-${randomUUID()}@example.com`;
  const password = `Pw-${randomUUID()}-Aa1!`;
  const client = cognito();
  const { userPoolId } = stack();
  await client.send(
    new AdminCreateUserCommand({
      UserPoolId: userPoolId,
      Username: email,
      MessageAction: "SUPPRESS",
      UserAttributes: [{ Name: "email", Value: email }, { Name: "email_verified", Value: "true" }],
    }),
  );
  await client.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: email, Password: password, Permanent: true }));
  await client.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: email, GroupName: role }));
  client.destroy();
  return { email, password, ...(await signIn(stack().endpoints.cognito, stack().clientId, email, password)) };
}
