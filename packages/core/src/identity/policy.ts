import * as v from "valibot";

/**
 * The identity rules shared by the deployed user pool (`infra/auth.ts`), the offline one and
 * the API's validation: groups and the password policy of the seed documents (≥12 characters
 * with upper case, lower case, a digit and a symbol).
 */
export const userGroups = ["admin", "customer"] as const;

export const passwordPolicy = {
  minLength: 12,
  requireUppercase: true,
  requireLowercase: true,
  requireDigits: true,
  requireSymbols: true,
} as const;

export const passwordSchema = v.pipe(
  v.string(),
  v.minLength(passwordPolicy.minLength, `must be at least ${passwordPolicy.minLength} characters`),
  v.maxLength(256),
  v.regex(/[A-Z]/, "must contain an upper-case letter"),
  v.regex(/[a-z]/, "must contain a lower-case letter"),
  v.regex(/[0-9]/, "must contain a digit"),
  v.regex(/[^A-Za-z0-9]/, "must contain a symbol"),
);

export const emailSchema = v.pipe(v.string(), v.trim(), v.toLowerCase(), v.maxLength(254), v.email("must be an e-mail address"));

/**
 * How long a refresh token lasts, in days (Cognito's default, set explicitly so the deployed app
 * client, the offline one and the web app's refresh cookie agree on one number).
 */
export const refreshTokenValidityDays = 30;
