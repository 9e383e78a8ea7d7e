/**
 * Fuzzing from the served OpenAPI document (tests/support/openapi-fuzz.ts): every operation gets
 * valid and broken requests derived from its own schemas, with and without credentials; none
 * may get a 5xx or an undocumented answer, whatever the document refuses must be a 4xx, and a
 * 4xx must write nothing. The fuzz acts only on resources it creates (its own users, products,
 * order and keys), so the other files sharing this stack are untouched.
 *
 * `FUZZ_RUNS=n` sets the runs per operation (a few by default; bench/fuzz.ts runs many more).
 * A failure prints fast-check's seed, path and shrunk counterexample.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { createProduct } from "../support/catalogue";
import { get, post } from "../support/http";
import { createKey } from "../support/keys";
import { openApi } from "../support/openapi";
import { fuzzRuns, operationProperty, operationsOf, watchedItems, type FuzzTarget, type Operation } from "../support/openapi-fuzz";
import { breakingOf, valueOf, type Schema } from "../support/schema-arbitrary";
import { offlineOnly, offlineStack, target } from "../support/target";
import { snapshotItems } from "../support/table";
import { newUser } from "../support/users";
import { Ajv2020 } from "ajv/dist/2020.js";

const runs = fuzzRuns(3);
const operations = operationsOf(openApi);
const statuses = new Map<number, number>();
let fuzz: FuzzTarget;

const ajv = new Ajv2020({ strict: false, validateFormats: false });
const bodySchemas = operations.flatMap((operation) => {
  const schema = operation.operation.requestBody?.content?.["application/json"]?.schema as Schema | undefined;
  return schema ? [[operation.label, schema] as const] : [];
});

describe("the schema deriver", () => {
  it.each(bodySchemas)("%s: generated bodies are valid, broken ones mostly refused", (_label, schema) => {
    const validate = ajv.compile(schema);
    for (const value of fc.sample(valueOf(schema), 50)) expect(validate(value), `${JSON.stringify(value)}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    const broken = fc.sample(breakingOf(schema), 100);
    // A wrong type can still satisfy an anyOf branch (the fuzz judges each value); most must not.
    expect(broken.filter((value) => !validate(value)).length).toBeGreaterThan(80);
  });
});

describe("fuzzing every operation of the served document", offlineOnly, () => {
  beforeAll(async () => {
    const served = await get("/openapi.json");
    expect(served.status).toBe(200);
    // Requests come from the served document; answers are judged against the committed one: they must be the same.
    expect(served.body.paths).toEqual(openApi.paths);
    expect(operationsOf(served.body).map((operation) => operation.label)).toEqual(operations.map((operation) => operation.label));

    const [admin, customer, victim] = await Promise.all([newUser("admin"), newUser(), newUser()]);
    const idOf = async (token: string) => {
      const me = await get("/me", { token });
      expect(me.status, me.text).toBe(200);
      return me.body.id as string;
    };
    const [customerId, victimId] = await Promise.all([idOf(customer.accessToken), idOf(victim.accessToken), idOf(admin.accessToken)]);
    const [product, victimProduct] = await Promise.all([createProduct({ stock: 1_000_000_000 }), createProduct()]);
    const order = await post("/orders", { lines: [{ productId: product.id, quantity: 1 }] }, { token: customer.accessToken });
    expect(order.status, order.text).toBe(201);
    const [key, victimKey] = await Promise.all([createKey(["orders:read", "stock:write"]), createKey(["orders:read"])]);
    const ids = { products: [product.id], victimProduct: victimProduct.id, orders: [order.body.id], users: [customerId!, victimId!], victimUser: victimId!, victimKey: victimKey.id };
    const { endpoints, tableName } = offlineStack("Watching the table for writes");
    fuzz = {
      apiUrl: target.apiUrl,
      table: { endpoint: endpoints.dynamodb, tableName },
      credentials: { customer: customer.accessToken, admin: admin.accessToken, apiKey: key.secret },
      ids,
      watched: watchedItems(ids),
    };
    // The snapshot compared around refusals really holds the fuzz's own items, not nothing.
    const watched = await snapshotItems(fuzz.table, fuzz.watched);
    for (const id of [product.id, victimProduct.id, order.body.id, customerId!, victimId!, victimKey.id]) expect(watched).toContain(id);
  });

  it.each(operations.map((operation) => [operation.label, operation] as const))("%s", async (_label, operation: Operation) => {
    await fc.assert(operationProperty(fuzz, operation, statuses), { numRuns: runs });
  });

  it("reached the handlers: both accepted and refused requests were among the answers", () => {
    console.log(`fuzz answers by status: ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`);
    const total = [...statuses.values()].reduce((sum, n) => sum + n, 0);
    expect(total).toBeGreaterThanOrEqual(operations.length * runs);
    expect([...statuses.keys()].some((status) => status >= 200 && status < 300)).toBe(true);
    expect([...statuses.keys()].some((status) => status === 422)).toBe(true);
  });
});
