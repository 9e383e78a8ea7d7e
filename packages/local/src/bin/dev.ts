/**
 * `bun dev`: the whole application offline on fixed ports, with data kept under `.emporium/`:
 * the API on PORT (3000) and the web app on WEB_PORT (5173), one origin with `/api/*` proxied
 * to the API, as CloudFront serves the deployed stages.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { MissingJavaError } from "../emulators/java";
import { routes } from "@emporium/functions/manifest";
import { startStack } from "../stack";
import { startWebOrigin } from "../web";
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
  // The health check below calls this function: it is built while the emulators start.
  const stack = await startStack({
    root,
    ports: devPorts(),
    stateDir: devStateDir(root),
    persist: true,
    watch: true,
    buildOnStart: [routes["GET /health"].name],
    log,
    orderHoldMinutes,
    authIpLimitScale,
  });
  // Same origin for pages and API, so the web app needs no CORS entry.
  const web = await startWebOrigin({ mode: "dev", root, apiUrl: stack.apiUrl, port: webPort, logLevel: "info" }).catch(async (error: unknown) => {
    await stack.stop();
    throw error;
  });
  const state: DevState = {
    apiUrl: stack.apiUrl,
    cognitoEndpoint: stack.endpoints.cognito,
    userPoolId: stack.userPoolId,
    clientId: stack.clientId,
    users: stack.users.map(({ email, password, role }) => ({ email, password, role })),
  };
  mkdirSync(devStateDir(root), { recursive: true });
  writeFileSync(devStatePath(root), JSON.stringify(state, null, 2));

  const shutdown = async (signal: string) => {
    console.log(`\n${signal}: stopping every process…`);
    rmSync(devStatePath(root), { force: true });
    await web.stop();
    await stack.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));

  const health = await fetch(`${stack.apiUrl}/health`);
  if (!health.ok) throw new Error(`/health answered ${health.status}: ${await health.text()}`);
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

E-mails the app sends land in the local outbox: ${stack.endpoints.ses}/outbox (files in ${devStateDir(root)}/outbox).
Handlers rebuild when you edit packages/core or packages/functions; pages reload when you edit packages/web.
Ctrl-C stops everything.
ready: Emporium API on ${stack.apiUrl}
ready: Emporium web app on ${web.url} (API on ${stack.apiUrl})`);
} catch (error) {
  if (error instanceof MissingJavaError) {
    console.error(error.message);
  } else {
    console.error(`Emporium could not start: ${(error as Error).stack ?? error}`);
  }
  process.exit(1);
}
