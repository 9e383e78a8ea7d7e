/**
 * The offline stack in a process of its own, for the benches that load it (bench/load.ts,
 * bench/soak.ts): the load generator's CPU and memory stay out of the process tree measured.
 * Started by bench/stack-process.ts with its options as JSON in argv[2]; prints one line,
 * `STACK_READY <json>`, once the stack is up with the bench's accounts and products, and stops
 * the stack on SIGTERM or SIGINT, or when its parent goes away (stdin closes).
 */
import { appendFileSync, createWriteStream } from "node:fs";
import { fileURLToPath } from "node:url";
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import * as Products from "@emporium/core/products";
import { seedPoolUsers, type SeedUser } from "../packages/local/src/seed";
import { seedProfiles } from "../packages/local/src/seed/handler";
import { REGION, startStack } from "../packages/local/src/stack";
import { LOCAL_CREDENTIALS } from "../packages/local/src/local-account";
import { heapReport } from "../packages/local/src/functions/heap-report";
import type { HeapSample, ServeOptions, ServedStack } from "./stack-process";

process.env.AWS_EC2_METADATA_DISABLED = "true";

const options = JSON.parse(process.argv[2] ?? "{}") as ServeOptions;
const root = fileURLToPath(new URL("..", import.meta.url));
const logFile = createWriteStream(options.logFile);

const stack = await startStack({
  root,
  ports: { api: 0, dynamodb: 0, cognito: 0, lambda: 0, kinesis: 0, ses: 0 },
  // As `bun dev` runs it (the soak): data kept on disk, sources watched, the idle builder stopped.
  persist: options.asDev === true,
  stateDir: options.asDev ? options.stateDir : undefined,
  watch: options.asDev === true,
  // Built and warm before the load starts: a build is not what a load test measures.
  buildOnStart: options.functions,
  log: (source, line) => logFile.write(`[${source}] ${line}\n`),
});

let stopping: Promise<void> | undefined;
const stop = (exitCode = 0) =>
  (stopping ??= stack
    .stop()
    .catch((error: Error) => console.error(`stopping the stack failed: ${error.message}`))
    .finally(() => logFile.end(() => process.exit(exitCode))));
process.once("SIGTERM", () => stop());
process.once("SIGINT", () => stop());
process.stdin.on("end", () => stop()).on("error", () => stop()).resume();

// This process writes the bench's users and products through core, as a function would: it
// needs the environment the stack gives its functions (the stack never sets this process's).
Object.assign(process.env, stack.environment);

try {
  // Customers of their own: each signed-in user has their own rate limit (50/s) and daily quota.
  const users: SeedUser[] = Array.from({ length: options.customers }, (_, index) => ({
    email: `load-${index + 1}@example.com`,
    password: `Load-Passw0rd-${index + 1}!`,
    name: `Load Customer ${index + 1}`,
    role: "customer",
  }));
  const cognito = new CognitoIdentityProviderClient({ endpoint: stack.endpoints.cognito, region: REGION, credentials: LOCAL_CREDENTIALS });
  const profiles = await seedPoolUsers(cognito, stack.userPoolId, users);
  // Their profiles, as the stack's own seed writes them (through the seed's own code).
  await seedProfiles(profiles);
  cognito.destroy();
  // Products an order can always be placed for: orders take stock, and a sold-out product would answer 409.
  const stocked = await Promise.all(
    Array.from({ length: options.stockedProducts }, (_, index) =>
      Products.create({ name: `Load product ${index + 1}`, description: "Stocked for load tests.", price: { amount: 990 + index, currency: "EUR" }, stock: 1_000_000_000 }),
    ),
  );
  const served: ServedStack = {
    apiUrl: stack.apiUrl,
    cognitoEndpoint: stack.endpoints.cognito,
    clientId: stack.clientId,
    customers: users.map(({ email, password }) => ({ email, password })),
    stockedProductIds: stocked.map((product) => product.id),
    functions: Object.fromEntries(
      options.functions.map((name) => [name, { bundle: fileURLToPath(stack.functionBundle(name)!), environment: stack.functionEnvironmentOf(name) }]),
    ),
  };
  console.log(`STACK_READY ${JSON.stringify(served)}`);
  if (options.heapLog) recordHeaps(options.heapLog.file, options.heapLog.everySeconds);
} catch (error) {
  console.error(`the bench's accounts or products could not be created: ${(error as Error).stack}`);
  await stop(1);
}

/**
 * Where this process's memory goes during a run (`heapLog`): one JSON line per sample (a
 * HeapSample) with its resident memory, its own heap and each function environment's heap,
 * with the most numerous object types of each.
 */
function recordHeaps(file: string, everySeconds: number) {
  const sample = async () => {
    const line: HeapSample = {
      at: Date.now(),
      memoryUsage: process.memoryUsage(),
      main: (await heapReport(40))!,
      functions: await stack.functionHeaps(),
    };
    appendFileSync(file, `${JSON.stringify(line)}\n`);
  };
  const timer = setInterval(() => void sample().catch((error: Error) => console.error(`heap sample failed: ${error.message}`)), everySeconds * 1000);
  timer.unref();
  void sample();
}
