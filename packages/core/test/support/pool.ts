import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, inject } from "vitest";
import * as Identity from "../../src/identity";

/**
 * Users of the user pool for in-process tests (cognito-local, in the in-process setup or the
 * full stack). The codes cognito-local "e-mails" are read from its database file, as
 * tests/support/mailbox.ts does for the end-to-end tests.
 */
export const PASSWORD = "Correct-horse-9";
export const address = () => `account-${randomUUID()}@example.com`;

/** The latest code cognito-local "e-mailed" to `email`. */
export function latestCode(email: string): string {
  const database = JSON.parse(readFileSync(inject("stack").cognitoDatabase, "utf8")) as {
    Users: Record<string, { Username: string; Attributes: { Name: string; Value: string }[]; ConfirmationCode?: string }>;
  };
  const user = Object.values(database.Users).find((candidate) => candidate.Attributes.some((a) => a.Name === "email" && a.Value === email));
  expect(user?.ConfirmationCode, `a code sent to ${email}`).toMatch(/^\d{6}$/);
  return user!.ConfirmationCode!;
}

/** A signed-up, confirmed user's address. */
export async function confirmedUser(name?: string): Promise<string> {
  const email = address();
  await Identity.signUp({ email, password: PASSWORD, ...(name ? { name } : {}) });
  await Identity.confirmSignUp({ email, code: latestCode(email) });
  return email;
}
