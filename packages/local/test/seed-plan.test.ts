import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { catalogueSeed, profilesToSeed, readSeedRecord, writeSeedRecord, type SeedRecord } from "../src/seed/plan";
import type { SeedProfile } from "../src/seed";

const profile = (userId: string): SeedProfile => ({ userId, email: `${userId}@example.com`, name: userId, role: "customer" });
const table = "emporium-local-Table";
const record: SeedRecord = { table, profiles: ["a", "b"] };

describe("what a start seeds", () => {
  it("writes the whole catalogue and every profile into a table created by this start, whatever the record says", () => {
    const profiles = [profile("a"), profile("b")];
    for (const known of [undefined, record]) {
      expect(catalogueSeed(known, { table, tableCreated: true })).toBe("empty-table");
      expect(profilesToSeed(known, { table, tableCreated: true, profiles })).toEqual(profiles);
    }
  });

  it("writes only the profiles, all of them, into a table copied from the tables' template, which holds the catalogue", () => {
    const profiles = [profile("a"), profile("b")];
    for (const known of [undefined, record]) {
      expect(catalogueSeed(known, { table, tableCreated: true, catalogueCopied: true })).toBe("skip");
      expect(profilesToSeed(known, { table, tableCreated: true, profiles })).toEqual(profiles);
    }
  });

  it("looks for a catalogue, and writes every profile, in a table that was there without a record (a start that stopped halfway)", () => {
    const profiles = [profile("a")];
    expect(catalogueSeed(undefined, { table, tableCreated: false })).toBe("unless-present");
    expect(profilesToSeed(undefined, { table, tableCreated: false, profiles })).toEqual(profiles);
  });

  it("treats a record of another table as no record", () => {
    const other = { ...record, table: "emporium-other-Table" };
    expect(catalogueSeed(other, { table, tableCreated: false })).toBe("unless-present");
    expect(profilesToSeed(other, { table, tableCreated: false, profiles: [profile("a")] })).toEqual([profile("a")]);
  });

  it("leaves a recorded table's catalogue alone and writes only the profiles of users the record does not name", () => {
    expect(catalogueSeed(record, { table, tableCreated: false })).toBe("skip");
    expect(profilesToSeed(record, { table, tableCreated: false, profiles: [profile("a"), profile("b")] })).toEqual([]);
    // A pool made afresh gives its users new ids.
    expect(profilesToSeed(record, { table, tableCreated: false, profiles: [profile("a"), profile("c")] })).toEqual([profile("c")]);
  });
});

describe("the seed record", () => {
  const dir = mkdtempSync(join(tmpdir(), "emporium-seed-record-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads back what was written, creating its folder", () => {
    const file = join(dir, "nested", "seed.json");
    writeSeedRecord(file, record);
    expect(readSeedRecord(file)).toEqual(record);
  });

  it("is absent when there is no file or the file is not a record, so everything is looked at again", () => {
    expect(readSeedRecord(join(dir, "missing.json"))).toBeUndefined();
    const file = join(dir, "broken.json");
    writeFileSync(file, "{ not json");
    expect(readSeedRecord(file)).toBeUndefined();
    writeFileSync(file, JSON.stringify({ table }));
    expect(readSeedRecord(file)).toBeUndefined();
    writeFileSync(file, JSON.stringify({ table, profiles: ["a", 7] }));
    expect(readSeedRecord(file)).toEqual({ table, profiles: ["a"] });
  });

  it("replaces the previous record whole", () => {
    const file = join(dir, "replaced.json");
    writeSeedRecord(file, record);
    writeSeedRecord(file, { table, profiles: ["c"] });
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ table, profiles: ["c"] });
  });
});
