/**
 * The identity rules shared by the deployed user pool (`infra/auth.ts`) and the offline one:
 * groups and the password policy of the seed documents (≥12 characters, all four classes).
 */
export const userGroups = ["admin", "customer"] as const;

export const passwordPolicy = {
  minLength: 12,
  requireUppercase: true,
  requireLowercase: true,
  requireDigits: true,
  requireSymbols: true,
} as const;
