import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page, type Response } from "playwright-core";
import { expect } from "vitest";
import { target } from "./target";

/**
 * Headless Chromium against the target's web origin, plus what every web test needs:
 * viewports, screenshots a person can look at, and axe-core's accessibility audit.
 */

/**
 * Where Chromium is: `CHROMIUM_PATH` (or Playwright's `PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH`)
 * when set, else the first that exists of Debian's package (`.ci/run` installs it), Ubuntu's and
 * snap's names, and the build `playwright-core install chromium` downloads (the GitHub workflow's).
 */
function findChromium(): string | undefined {
  const explicit = process.env.CHROMIUM_PATH || process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH;
  if (explicit) {
    if (!existsSync(explicit)) throw new Error(`Chromium is not at ${explicit} (CHROMIUM_PATH / PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH)`);
    return explicit;
  }
  return [...CHROMIUM_PATHS, playwrightChromium()].find((path) => path !== undefined && existsSync(path));
}

const CHROMIUM_PATHS = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/snap/bin/chromium", "/usr/lib/chromium/chromium"];

function playwrightChromium(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined; // a platform Playwright has no build for
  }
}

const inCi = Boolean(process.env.CI) && !["false", "0"].includes(process.env.CI!.toLowerCase());

export const CHROMIUM = findChromium();
export const chromiumAvailable = CHROMIUM !== undefined;
// Locally the browser tests are skipped without Chromium; in CI they must run, so a missing browser fails the run.
if (!chromiumAvailable && inCi) {
  throw new Error(
    `Chromium is required in CI and was not found (looked in ${[...CHROMIUM_PATHS, playwrightChromium() ?? "Playwright's download folder"].join(", ")}): ` +
      "install it (apt-get install chromium, or bunx playwright-core install --with-deps chromium) or set CHROMIUM_PATH",
  );
}

export const PHONE = { width: 390, height: 844 } as const;
export const DESKTOP = { width: 1280, height: 900 } as const;

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** A fresh browser profile (cookies, storage) on the web origin. */
export async function openApp(browser: Browser, viewport: { width: number; height: number } = DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: target.webUrl, viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

const screenshots = join(import.meta.dirname, "../../.emporium/screenshots");

/** Saves the whole page under .emporium/screenshots (gitignored) as `<name>-<width>.png`. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshots, { recursive: true });
  const width = page.viewportSize()?.width ?? 0;
  await page.screenshot({ path: join(screenshots, `${name}-${width}.png`), fullPage: true });
}

const axeSource = () => readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** Runs axe-core in the page; fails on any serious or critical violation, naming them. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  if (!(await page.evaluate("'axe' in window"))) await page.addScriptTag({ content: axeSource() });
  const violations = (await page.evaluate("axe.run(document, { resultTypes: ['violations'] }).then((result) => result.violations)")) as AxeViolation[];
  const serious = violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect(
    serious.map((violation) => `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => JSON.stringify(node.target)).join(", ")}`),
    `axe on ${name}`,
  ).toEqual([]);
}

/**
 * Logs in through the log-in page, as a person would, landing on `next` when given. A log-in
 * that does not end signed in fails naming what the page said and every failed response on the
 * way (a 429 from the per-IP limits, a 5xx), with a screenshot.
 */
export async function logIn(page: Page, user: { email: string; password: string }, next?: string): Promise<void> {
  const problems: string[] = [];
  const record = {
    pageerror: (error: Error) => problems.push(`page error: ${error.message}`),
    console: (message: ConsoleMessage) => message.type() === "error" && problems.push(`console: ${message.text()}`),
    response: (response: Response) => response.status() >= 400 && problems.push(`${response.status()} ${response.url()}`),
  };
  page.on("pageerror", record.pageerror).on("console", record.console).on("response", record.response);
  const failed = (step: string) => async (error: unknown) => {
    await screenshot(page, "login-failed");
    throw new Error(`${step}; the page says "${await page.locator("body").innerText()}"; ${problems.join("; ") || "no failed response"}`, { cause: error });
  };
  try {
    await page.goto(next ? `/login?next=${encodeURIComponent(next)}` : "/login");
    await page.getByLabel("Email").waitFor().catch(failed("no log-in form at /login"));
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Account" }).waitFor().catch(failed(`not signed in as ${user.email}`));
  } finally {
    page.off("pageerror", record.pageerror).off("console", record.console).off("response", record.response);
  }
}

/** Opens a product page and puts the product in the cart. */
export async function addToCart(page: Page, product: { id: string; name: string }): Promise<void> {
  await page.goto(`/products/${product.id}`);
  await page.getByRole("heading", { level: 1, name: product.name }).waitFor();
  await page.getByRole("button", { name: "Add to cart" }).click();
  await page.getByRole("status").filter({ hasText: `${product.name} is in your cart.` }).waitFor();
}
