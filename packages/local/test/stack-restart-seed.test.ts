/**
 * The seed across restarts of a persisted stack (as `bun dev` keeps its data): a first start
 * writes the catalogue and the profiles, a restart finds them recorded and starts no seed
 * process, a new user pool gets its users' profiles only, and a table whose data was removed
 * is seeded again although a record is there. Without the tables' template, whose copy holds
 * the catalogue already (tables-template.test.ts starts a stack from one).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn, startStack, type Stack } from "../src/stack";
import { emulatorDataDir } from "../src/stack/state-layout";

const root = resolve(import.meta.dirname, "../../..");
const stateDir = mkdtempSync(join(tmpdir(), "emporium-restart-seed-"));
beforeAll(() => {
  process.env.EMPORIUM_TABLES_TEMPLATE = "off";
});
afterAll(() => {
  delete process.env.EMPORIUM_TABLES_TEMPLATE;
  rmSync(stateDir, { recursive: true, force: true });
});

/** Starts the stack on this file's state folder; resolves with it and what it logged as the seed. */
async function start(): Promise<{ stack: Stack; seedLines: string[] }> {
  const seedLines: string[] = [];
  const stack = await startStack({
    root,
    ports: { api: 0, dynamodb: 0, cognito: 0, lambda: 0, kinesis: 0, ses: 0 },
    persist: true,
    stateDir,
    watch: false,
    log: (source, line) => {
      if (source === "seed") seedLines.push(line);
    },
  });
  return { stack, seedLines };
}

async function productNames(stack: Stack): Promise<string[]> {
  const response = await fetch(`${stack.apiUrl}/products?limit=50`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: { name: string }[] }).items.map((product) => product.name);
}

async function customerProfile(stack: Stack): Promise<{ email: string | null; name: string | null }> {
  const customer = stack.users.find((user) => user.role === "customer")!;
  const { accessToken } = await signIn(stack.endpoints.cognito, stack.clientId, customer.email, customer.password);
  const response = await fetch(`${stack.apiUrl}/me`, { headers: { authorization: `Bearer ${accessToken}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as { email: string | null; name: string | null };
}

describe("the seed of a persisted stack", () => {
  it("writes everything on a first start, nothing on a restart, the profiles for a new pool, and everything again into a table made afresh", async () => {
    const first = await start();
    let catalogue: string[];
    try {
      expect(first.seedLines).toEqual(["8 product(s) and 3 profile(s) written"]);
      catalogue = await productNames(first.stack);
      expect(catalogue).toHaveLength(8);
      const customer = first.stack.users.find((user) => user.role === "customer")!;
      expect(await customerProfile(first.stack)).toMatchObject({ email: customer.email, name: customer.name });
    } finally {
      await first.stack.stop();
    }

    const restart = await start();
    try {
      expect(restart.seedLines).toEqual(["nothing to seed: the table holds the catalogue and every user's profile"]);
      expect(await productNames(restart.stack)).toEqual(catalogue);
      const customer = restart.stack.users.find((user) => user.role === "customer")!;
      expect(await customerProfile(restart.stack)).toMatchObject({ email: customer.email, name: customer.name });
    } finally {
      await restart.stack.stop();
    }

    // The user pool's data removed: a new pool gives the users new ids, so only their profiles are written.
    rmSync(join(stateDir, "cognito"), { recursive: true, force: true });
    const newPool = await start();
    try {
      expect(newPool.seedLines).toEqual(["0 product(s) and 3 profile(s) written"]);
      expect(await productNames(newPool.stack)).toEqual(catalogue);
      const customer = newPool.stack.users.find((user) => user.role === "customer")!;
      expect(await customerProfile(newPool.stack)).toMatchObject({ email: customer.email, name: customer.name });
    } finally {
      await newPool.stack.stop();
    }

    // The table's data removed, the record kept: the table is created again, and empty.
    rmSync(emulatorDataDir(stateDir, "dynamodb"), { recursive: true, force: true });
    const afresh = await start();
    try {
      expect(afresh.seedLines).toEqual(["8 product(s) and 3 profile(s) written"]);
      expect(await productNames(afresh.stack)).toHaveLength(8);
    } finally {
      await afresh.stack.stop();
    }
  }, 180_000);
});
