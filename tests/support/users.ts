import { randomUUID } from "node:crypto";
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { ensureUser, poolClient, signInTo, type Tokens } from "./pool";
import { target } from "./target";

export type { Tokens } from "./pool";

const pool = () => ({ region: target.region, endpoint: target.cognitoEndpoint });

/** Cognito's API for the target's user pool (cognito-local offline). */
export function cognito(): CognitoIdentityProviderClient {
  return poolClient(pool());
}

/** Signs in to the target's pool, through the API's app client unless another is named. */
export const signIn = (email: string, password: string, clientId: string = target.clientId): Promise<Tokens> => signInTo(pool(), clientId, email, password);

/** A fixed test user (admin@example.com, customer@example.com, customer2@example.com) with their password. */
export function testUser(email: string) {
  const user = target.users.find((candidate) => candidate.email === email);
  if (!user) throw new Error(`${email} is not a seeded user`);
  return user;
}

const cache = new Map<string, Promise<Tokens>>();

/** Tokens for a fixed test user. */
export function tokensFor(email: string): Promise<Tokens> {
  const user = testUser(email);
  if (!cache.has(email)) cache.set(email, signIn(user.email, user.password));
  return cache.get(email)!;
}

let ownAdmin: Promise<Tokens> | undefined;

/**
 * An administrator of this test file's own (module state is per file). Not the seeded admin:
 * request limits are per user, kept in token buckets, and files run one after another faster
 * than a bucket refills, so one file's requests would leave the next with 429s.
 */
export const adminToken = async () => (await (ownAdmin ??= newUser("admin"))).accessToken;
export const customerToken = async () => (await tokensFor("customer@example.com")).accessToken;

/**
 * A brand-new confirmed user of its own, so a test's orders are its own. Created by an
 * administrator in the pool (no sign-up trigger), so their profile appears on first use.
 */
export async function newUser(role: "customer" | "admin" = "customer"): Promise<Tokens & { email: string; password: string }> {
  const email = `user-${randomUUID()}@example.com`;
  const password = `Pw-${randomUUID()}-Aa1!`;
  const client = cognito();
  try {
    await ensureUser(client, target.userPoolId, { email, password, role });
  } finally {
    client.destroy();
  }
  return { email, password, ...(await signIn(email, password)) };
}
