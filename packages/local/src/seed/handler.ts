/**
 * What the seed writes, through the same core services the API uses: the catalogue, and the
 * development users' profiles. Run by the seed process (./main.ts) with the table's environment.
 */
import * as Products from "@emporium/core/products";
import * as Users from "@emporium/core/users";
import { catalogue } from "./catalogue";
import type { SeedProfile } from "./index";
import type { CatalogueSeed } from "./plan";

/**
 * The catalogue, as `mode` says (./plan.ts): into a table created by this start, which has none
 * (not looking saves DynamoDB Local its first query, which took 0.32–0.46 s of a first start);
 * into a table that may have one, only when it has none; or not at all.
 */
export async function seedCatalogue(mode: CatalogueSeed): Promise<number> {
  if (mode === "skip") return 0;
  if (mode === "unless-present" && (await Products.list(1)).items.length > 0) return 0;
  // One batch, not a create each: a first start waits for these writes, and DynamoDB Local took
  // 0.17–0.21 s for eight cold conditional puts against 0.10–0.11 s for one batch of eight.
  return (await Products.createMany(catalogue)).length;
}

/** A profile for each development user the pool holds (one that exists is kept). */
export async function seedProfiles(profiles: SeedProfile[]): Promise<number> {
  await Promise.all(
    profiles.map((profile) =>
      Users.ensure({ userId: profile.userId, username: profile.email, role: profile.role }, { email: profile.email, name: profile.name }),
    ),
  );
  return profiles.length;
}
