// Shared by the browser tests: the real local runtime on fresh state (the same
// scripts/test-server.sh as the Rust end-to-end suite) and Debian's Chromium.
import { spawn } from "node:child_process";
import { before, after } from "node:test";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = fileURLToPath(new URL("../..", import.meta.url));

export async function startServer() {
  const child = spawn(`${root}/scripts/test-server.sh`, [], {
    cwd: root,
    detached: true, // own process group: stopping it stops wrangler and workerd too
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise((resolve, reject) => {
    lines.on("line", (line) => line.startsWith("ready ") && resolve(line.slice(6)));
    child.on("exit", (code) => reject(new Error(`test server exited with ${code}`)));
  });
  return {
    url,
    async stop() {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {}
      if (child.exitCode === null) await once(child, "exit");
    },
  };
}

/** The runtime and the browser of one test file (live bindings, set by `useServerAndBrowser`). */
export let server;
export let browser;

/** Starts a fresh runtime and Chromium before the file's tests, and stops both after. */
export function useServerAndBrowser() {
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
}

/** A page that records console errors and CSP violations, which must stay empty. */
export async function watchedPage(browser, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  page.on("pageerror", (e) => problems.push(String(e)));
  return { page, problems };
}

const require = createRequire(import.meta.url);
/** axe-core, for `context.addInitScript({ content: axeSource })` (the CSP does not block init scripts). */
export const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

/** Runs axe (WCAG 2.2 AA and best practices) on the page; one line per violation and node. */
export async function violations(page) {
  const result = await page.evaluate(async (tags) => {
    const { violations } = await window.axe.run(document, { runOnly: { type: "tag", values: tags } });
    return violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary}`) }));
  }, TAGS);
  return result.flatMap((v) => v.nodes.map((node) => `${v.id} at ${node}`));
}
