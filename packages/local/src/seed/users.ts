import type { Role } from "@emporium/core/auth";

export interface SeedUser {
  email: string;
  password: string;
  name: string;
  role: Role;
}

/** Development accounts. Their passwords are printed at start; they exist only offline. */
export const seedUsers: SeedUser[] = [
  { email: "admin@example.com", password: "Admin-Passw0rd!", name: "Ada Admin", role: "admin" },
  { email: "customer@example.com", password: "Customer-Passw0rd!", name: "Casey Customer", role: "customer" },
  { email: "customer2@example.com", password: "Customer2-Passw0rd!", name: "Chris Customer", role: "customer" },
];
