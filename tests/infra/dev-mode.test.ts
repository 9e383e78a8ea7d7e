/**
 * `sst dev`: the same program run in dev mode, as the CLI runs it, for a personal, a preview and
 * the production stage. Functions become live-Lambda stubs registered with the local runtime;
 * the site is not deployed, and Vite runs in the multiplexer with its dev command, proxying
 * `/api` to the stage's API; the router and its `/api` route are still deployed.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { functionSpecs, routeEntries, webApiBasePath } from "../../packages/functions/src/manifest";
import { runInfraProgram, type StageGraph } from "./graph-harness";
import { webOrigin } from "./web-origin";

const stages = ["alice", "pr-42", "production"] as const;
let graphs: Record<string, StageGraph>;

beforeAll(async () => {
  graphs = await runInfraProgram(stages, { dev: true });
}, 120_000);

describe.each(stages)("sst dev, stage %s", (stage) => {
  const g = () => graphs[stage]!;

  it("registers every function with the local runtime instead of building it", () => {
    expect(g().builds).toEqual([]);
    expect(g().targets.length).toBeGreaterThanOrEqual(functionSpecs().length);
  });

  it("deploys every route and the router's /api route", () => {
    const apiRoutes = g().resources.filter((r) => r.type === "aws:apigatewayv2/route:Route").map((r) => r.inputs.routeKey);
    expect(apiRoutes.sort()).toEqual(routeEntries().map(([key]) => key).sort());
    const origin = webOrigin(g());
    expect(origin.router).toBeDefined();
    expect(origin.apiRoute?.rewrite).toEqual({ regex: `^${webApiBasePath}/(.*)$`, to: "/$1" });
  });

  it("runs the site with its dev command instead of deploying it", () => {
    const origin = webOrigin(g());
    expect(origin.site).toBeDefined();
    expect(origin.siteUrl).toBe("http://localhost:5173");
    expect(origin.assetBucket).toBeUndefined();
    expect(origin.siteMetadata).toBeUndefined();
  });
});
