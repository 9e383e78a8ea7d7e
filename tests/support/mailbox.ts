import { readFileSync } from "node:fs";
import { offlineStack } from "./target";

/**
 * The code cognito-local "e-mailed" to a user: it prints codes to its console and keeps the
 * latest as `ConfirmationCode` in its database file, which is where a test reads it.
 */
export function latestCode(email: string): string {
  const database = JSON.parse(readFileSync(offlineStack("The mailbox (cognito-local's e-mailed codes)").cognitoDatabase, "utf8")) as {
    Users: Record<string, { Username: string; Attributes: { Name: string; Value: string }[]; ConfirmationCode?: string }>;
  };
  const user = Object.values(database.Users).find(
    (candidate) => candidate.Username === email || candidate.Attributes.some((a) => a.Name === "email" && a.Value === email),
  );
  if (!user?.ConfirmationCode) throw new Error(`no code was sent to ${email}`);
  return user.ConfirmationCode;
}
