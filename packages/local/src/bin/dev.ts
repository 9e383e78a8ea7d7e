/**
 * `bun dev`: the whole application offline on fixed ports, with data kept under `.emporium/`:
 * the API on PORT (3000) and the web app on WEB_PORT (5173), one origin with `/api/*` proxied
 * to the API, as CloudFront serves the deployed stages.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { MissingJavaError } from "../emulators/java";
import { spawnEmulators } from "../stack/spawn";
import { devPorts, devStateDir, devStatePath, type DevState } from "./dev-state";
import { prettyLogLine } from "./pretty";

const root = resolve(import.meta.dirname, "../../../..");
const webPort = Number(process.env.WEB_PORT ?? 5173);
const quiet = new Set(["dynamodb", "cognito"]);
// cognito-local "e-mails" sign-up and reset codes by printing them; show those lines.
const codeDelivery = /Confirmation Code Delivery|Username:|Destination:|Code:/;
const log = (source: string, line: string) => {
  if (source === "cognito" && codeDelivery.test(line)) console.log(`[e-mail] ${line.replace(/[│╭╮╰╯─]/g, "").trim()}`);
  else if (source.startsWith("fn:") && !process.env.EMPORIUM_VERBOSE) console.log(`[${source}] ${prettyLogLine(line)}`);
  else if (!quiet.has(source) || process.env.EMPORIUM_VERBOSE) console.log(`[${source}] ${line}`);
};

try {
  console.log("Starting Emporium offline: DynamoDB Local, cognito-local, functions, API gateway…");
  // The order hold is stage configuration, read from the same variable as at deploy time.
  const orderHoldMinutes = process.env.EMPORIUM_ORDER_HOLD_MINUTES ? Number(process.env.EMPORIUM_ORDER_HOLD_MINUTES) : undefined;
  const authIpLimitScale = process.env.EMPORIUM_AUTH_IP_LIMIT_SCALE ? Number(process.env.EMPORIUM_AUTH_IP_LIMIT_SCALE) : undefined;
  const options = { root, ports: devPorts(), stateDir: devStateDir(root), persist: true, log, dynamodbFirst: true };
  // The emulators are the slowest to start (DynamoDB Local's JVM most): they start first, and the
  // rest of the runtime (the stack, the web server, the SDK) loads while they do. The imports
  // below are dynamic for that.
  const spawned = await spawnEmulators(options);
  const [{ startStack }, { startWebOrigin }] = await Promise.all([import("../stack"), import("../web")]);
  // Same origin for pages and API, so the web app needs no CORS entry. Its port is settled (the
  // spawn settles every port), so it starts beside the stack.
  const webStarted = startWebOrigin({
    mode: "dev",
    root,
    apiUrl: `http://127.0.0.1:${spawned.ports.api}`,
    edgeSecret: spawned.secrets.edgeSecret,
    port: webPort,
    logLevel: "info",
  });
  // Functions are built on first use: none holds up the start.
  const stackStarted = startStack({ ...options, spawned, watch: true, orderHoldMinutes, authIpLimitScale });
  const [stackResult, webResult] = await Promise.allSettled([stackStarted, webStarted]);
  if (stackResult.status === "rejected" || webResult.status === "rejected") {
    if (stackResult.status === "fulfilled") await stackResult.value.stop();
    if (webResult.status === "fulfilled") await webResult.value.stop();
    throw stackResult.status === "rejected" ? stackResult.reason : (webResult as PromiseRejectedResult).reason;
  }
  const [stack, web] = [stackResult.value, webResult.value];
  const state: DevState = {
    apiUrl: stack.apiUrl,
    cognitoEndpoint: stack.endpoints.cognito,
    userPoolId: stack.userPoolId,
    clientId: stack.clientId,
    users: stack.users.map(({ email, password, role }) => ({ email, password, role })),
  };
  mkdirSync(devStateDir(root), { recursive: true });
  writeFileSync(devStatePath(root), JSON.stringify(state, null, 2));

  let stopping: Promise<void> | undefined;
  const shutdown = (signal: string) =>
    (stopping ??= (async () => {
      console.log(`\n${signal}: stopping every process…`);
      rmSync(devStatePath(root), { force: true });
      await web.stop();
      await stack.stop();
      process.exit(0);
    })());
  // Kept for every signal, not once: a second Ctrl-C (or `bun run` passing the first one on)
  // must not end this process by default while it is still stopping the emulators.
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  console.log(`
Seeded users (password in brackets):
${stack.users.map((user) => `  ${user.role.padEnd(8)} ${user.email}  [${user.password}]`).join("\n")}

Try it:
  open ${web.url} (the web app; its /api/* is the API)
  curl ${stack.apiUrl}/products
  TOKEN=$(bun run --silent token customer@example.com)
  curl -H "authorization: Bearer $TOKEN" ${stack.apiUrl}/me
  curl -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\
       -d '{"lines":[{"productId":"<id from /products>","quantity":1}]}' ${stack.apiUrl}/orders

E-mails the app sends land in the local outbox: ${stack.endpoints.ses}/outbox (the 1,000 most recent; every one as a file in ${devStateDir(root)}/outbox).
Handlers rebuild when you edit packages/core or packages/functions; pages reload when you edit packages/web.
Ctrl-C stops everything.
ready: Emporium API on ${stack.apiUrl}
ready: Emporium web app on ${web.url} (API on ${stack.apiUrl})`);
  // A first request through the gateway, after ready (it builds its function): a stack that
  // cannot run a handler says so at once instead of on the developer's first call.
  fetch(`${stack.apiUrl}/health`)
    .then(async (health) => {
      if (!health.ok) console.error(`error: GET /health answered ${health.status}: ${await health.text()}`);
    })
    .catch((error: unknown) => console.error(`error: GET /health failed: ${(error as Error).message}`));
} catch (error) {
  if (error instanceof MissingJavaError) {
    console.error(error.message);
  } else {
    console.error(`Emporium could not start: ${(error as Error).stack ?? error}`);
  }
  process.exit(1);
}
