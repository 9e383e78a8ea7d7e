import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { SeedProfile } from "./index";

/**
 * What the seed has written into a persisted table (`bun dev`), kept in the state folder beside
 * the data. A restart that finds its table and its pool users in it has nothing to seed, and
 * starts no seed process (measured: about 0.3 s of CPU, and the table's first queries, at a
 * time when every core is busy).
 */
export interface SeedRecord {
  /** The table the catalogue went into. */
  table: string;
  /** The users (pool `sub`s) whose profiles were written. */
  profiles: string[];
}

/** How the seed treats the catalogue: write it into a table it knows is empty, look first, or leave it. */
export type CatalogueSeed = "empty-table" | "unless-present" | "skip";

/** The record, or nothing when there is none or it cannot be read (then everything is looked at again). */
export function readSeedRecord(file: string): SeedRecord | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const record = JSON.parse(readFileSync(file, "utf8")) as Partial<SeedRecord>;
    if (typeof record.table !== "string" || !Array.isArray(record.profiles)) return undefined;
    return { table: record.table, profiles: record.profiles.filter((id): id is string => typeof id === "string") };
  } catch {
    return undefined;
  }
}

/** Written whole or not at all: a start stopped halfway leaves the previous record (or none). */
export function writeSeedRecord(file: string, record: SeedRecord): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(record, null, 2));
  renameSync(`${file}.tmp`, file);
}

/**
 * What the catalogue needs. A table copied from the tables' template holds it already. A table
 * created by this start is empty, whatever a record says (its data was removed): the catalogue
 * goes in. A table that was there and is in the record keeps its catalogue as the developer left
 * it (products they deleted stay deleted); one that is not looks before writing.
 */
export function catalogueSeed(record: SeedRecord | undefined, start: { table: string; tableCreated: boolean; catalogueCopied?: boolean }): CatalogueSeed {
  if (start.catalogueCopied) return "skip";
  if (start.tableCreated) return "empty-table";
  return record?.table === start.table ? "skip" : "unless-present";
}

/**
 * The profiles to write: every pool user's into a table created by this start or not in the
 * record, otherwise those of the users the record does not name (a pool made afresh gives its
 * users new ids).
 */
export function profilesToSeed(record: SeedRecord | undefined, start: { table: string; tableCreated: boolean; profiles: SeedProfile[] }): SeedProfile[] {
  if (start.tableCreated || record?.table !== start.table) return start.profiles;
  const seeded = new Set(record.profiles);
  return start.profiles.filter((profile) => !seeded.has(profile.userId));
}
