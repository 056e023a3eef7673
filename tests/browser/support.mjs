// Shared by the browser tests: the real local runtime on fresh state (the same
// scripts/test-server.sh as the Rust end-to-end suite) and Debian's Chromium.
import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { before, after } from "node:test";
import assert from "node:assert/strict";
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
      } catch {
        // already gone
      }
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

/**
 * Reports, as a console error, every message a page shows (alerts, field errors,
 * status lines) that names an API field instead of its label: a quoted snake_case
 * word such as 'insured_wage_sum'.
 */
const rawFieldWatch = `
  new MutationObserver(() => {
    for (const el of document.querySelectorAll("[role=alert], [role=status], .field-error, .form-error, .notice")) {
      const raw = (el.textContent || "").match(/(?<![\\w.@])(['"‘“][a-z][a-z0-9_.]*['"’”]|[a-z]+(?:_[a-z0-9]+)+)(?![\\w@]|\\.\\w)/);
      if (raw && !el.dataset.rawReported) {
        el.dataset.rawReported = "1";
        console.error("a message names an API field: " + el.textContent);
      }
    }
  }).observe(document, { subtree: true, childList: true, characterData: true });
`;

/** A page that records console errors, CSP violations and raw field names in messages, which must stay empty. */
export async function watchedPage(browser, options = {}) {
  const context = await browser.newContext(options);
  await context.addInitScript({ content: rawFieldWatch });
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

/** RFC 6238 (SHA-1, 6 digits, 30 s) from a base32 secret, as an authenticator app does. */
export function totp(secretBase32, unixSeconds) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const c of secretBase32.replace(/[\s=]/g, "")) bits += alphabet.indexOf(c).toString(2).padStart(5, "0");
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(unixSeconds / 30)));
  const mac = createHmac("sha1", key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

export const now = () => Math.floor(Date.now() / 1000);
export const adminToken = readFileSync(new URL("../../.dev.vars", import.meta.url), "utf8").match(/^ADMIN_TOKEN=(.*)$/m)[1];

/** The link to `path` in the newest (development) mail to `to`. */
export async function mailedLink(to, path) {
  const { messages } = await (await fetch(`${server.url}/api/dev/outbox`)).json();
  const mail = messages.find((m) => m.to === to && m.text.includes(path));
  assert.ok(mail, `a mail to ${to} with ${path}`);
  return mail.text.match(new RegExp(`https?://\\S*${path}\\?token=\\S+`))[0];
}

/** Provisions an employer through the back office; `employer` is the admin body. */
export async function provision(employer) {
  const answer = await fetch(`${server.url}/api/admin/employers`, {
    method: "POST",
    headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
    body: JSON.stringify(employer),
  });
  assert.equal(answer.status, 201, await answer.text());
}

/**
 * Activates `email` from its mailed link and signs in with a first TOTP set-up,
 * all through the API of the browser `context`, which so holds the session cookie.
 * (The pages of that journey have their own test in auth.test.mjs.)
 */
export async function signInThroughApi(context, email, password) {
  const token = new URL(await mailedLink(email, "/activeren")).searchParams.get("token");
  const post = async (path, data) => {
    const answer = await context.request.post(`${server.url}${path}`, { data });
    assert.equal(answer.status(), 200, `${path}: ${await answer.text()}`);
    return answer.json();
  };
  await post("/api/auth/activate", { token, password });
  const login = await post("/api/auth/login", { email, password });
  await post("/api/auth/totp", { challenge: login.challenge, code: totp(login.secret, now()) });
}
