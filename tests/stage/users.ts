import { randomUUID } from "node:crypto";
import { seedUsers } from "../../packages/local/src/seed/users";
import { ensureUser, poolClient, type Pool, type PoolUser } from "../support/pool";

/**
 * The remote run's test users: the offline seed's addresses and roles (admin@example.com,
 * customer@example.com, customer2@example.com), so tests name them alike in both modes, created
 * through the pool's admin API. Idempotent: an existing user keeps their account and gets this
 * run's password, so a deployed stage never keeps a password that is written down anywhere.
 */
export const freshPassword = () => `Pw-${randomUUID()}-Aa1!`;

export async function ensureTestUsers(pool: Pool, userPoolId: string, passwords: Record<string, string> = {}): Promise<PoolUser[]> {
  const users = seedUsers.map(({ email, role }) => ({ email, role, password: passwords[email] ?? freshPassword() }));
  const client = poolClient(pool);
  try {
    for (const user of users) await ensureUser(client, userPoolId, user);
  } finally {
    client.destroy();
  }
  return users;
}
