// The sign-in journey in headless Chromium, as an employer goes through it: the
// activation link from the (development) mailbox, a password, the first TOTP
// set-up with a code computed from the secret shown on the page, the recovery
// codes, signing out and in again, a password reset through the mailbox, and a
// recovery code in place of the lost phone.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  useServerAndBrowser, server, browser, watchedPage, axeSource, violations, totp, now, mailedLink, provision,
} from "./support.mjs";

useServerAndBrowser();

async function signIn(page, email, password) {
  await page.goto(`${server.url}/nl/inloggen/`);
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Inloggen" }).click();
}

test("activate, set up TOTP, keep recovery codes, sign out and in, reset, recover", async () => {
  const email = "j.devries@browser-bakkerij.nl";
  await provision({
    policy_number: "660000001",
    company_name: "Browser Bakkerij B.V.",
    main_user: { name: "J. de Vries", email },
    policy: { product: "verzuim", premium_rate_percent: "4.25", insured_wage: "sv_loon", start_date: "2024-01-01" },
  });

  const { page, problems } = await watchedPage(browser, { acceptDownloads: true });
  await page.context().addInitScript({ content: axeSource });
  // Every screen of the journey passes axe, not only the first state of each page.
  const axeFound = [];
  const checkA11y = async (where) => axeFound.push(...(await violations(page)).map((v) => `${where}: ${v}`));
  const password = "een lange zin als wachtwoord";

  // Activation: the e-mail's link lands on the Dutch page with its token.
  await page.goto(await mailedLink(email, "/activeren"));
  assert.equal(new URL(page.url()).pathname, "/nl/activeren/");
  await page.getByLabel("Nieuw wachtwoord").fill(password);
  await page.getByLabel("Herhaal het wachtwoord").fill(password);
  await page.getByRole("button", { name: "Wachtwoord instellen" }).click();
  await page.getByText("Uw account is actief").waitFor();

  // First sign-in: set up the app from the shown key, get ten recovery codes.
  await signIn(page, email, password);
  await page.getByRole("heading", { name: "Tweestapsverificatie instellen" }).waitFor();
  assert.ok(await page.locator("#qr svg").isVisible(), "QR code shown");
  await checkA11y("set-up");
  const secret = (await page.locator("#secret").textContent()).replace(/\s/g, "");
  const setupStep = now();
  await page.locator("#setup-code").fill(totp(secret, setupStep));
  await page.locator("#form-setup").getByRole("button", { name: "Bevestigen" }).click();
  await page.getByRole("heading", { name: "Uw herstelcodes" }).waitFor();
  const codes = await page.locator("#codes li").allTextContents();
  assert.equal(codes.length, 10);
  await checkA11y("recovery codes");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Herstelcodes downloaden" }).click();
  const file = await (await download).path();
  assert.ok(readFileSync(file, "utf8").includes(codes[0]), "the download holds the codes");
  await page.getByRole("button", { name: "Ik heb de codes bewaard" }).click();

  // The signed-in home shows who and for which employer.
  await page.waitForURL(/\/nl\/portaal\/$/);
  await page.locator("#signed-in").waitFor();
  assert.equal(await page.locator("#me-company").textContent(), "Browser Bakkerij B.V.");
  assert.equal(await page.locator("#me-roles").textContent(), "Gebruikersbeheer, HR, Financiën");
  await checkA11y("home");

  // User management: invite a colleague; the list shows them as invited.
  await page.getByRole("link", { name: "Gebruikers" }).click();
  await page.locator("#users-body tr").first().waitFor();
  await page.getByLabel("Naam", { exact: true }).fill("A. Collega");
  await page.getByLabel("E-mailadres").fill("a.collega@browser-bakkerij.nl");
  await page.locator("#form-invite").getByText("HR", { exact: true }).click();
  await page.getByRole("button", { name: "Collega uitnodigen" }).click();
  await page.getByText("Uitnodiging verstuurd naar a.collega@browser-bakkerij.nl.").waitFor();
  await page.getByRole("cell", { name: "a.collega@browser-bakkerij.nl" }).first().waitFor();
  // The security log shows the invitation, newest first, with who did it.
  const newest = page.locator("#log-body tr").first();
  // The log refreshes after the user list; wait until the invitation is on top.
  await page.waitForFunction(
    () => document.querySelector("#log-body tr td:nth-child(2)")?.textContent === "Uitgenodigd",
  );
  assert.equal(await newest.locator("td").nth(3).textContent(), email);
  await checkA11y("users");
  await page.goto(`${server.url}/nl/portaal/`);

  // Sign out; signing in again takes the next code (one step of skew).
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await page.waitForURL(/\/nl\/inloggen\/$/);
  await signIn(page, email, password);
  await page.locator("#form-code").waitFor();
  await page.locator("#code").fill(totp(secret, setupStep + 30));
  await page.locator("#form-code").getByRole("button", { name: "Bevestigen" }).click();
  await page.waitForURL(/\/nl\/portaal\/$/);

  // Forgotten password through the mailbox.
  await page.goto(`${server.url}/nl/wachtwoord-vergeten/`);
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByRole("button", { name: "Link versturen" }).click();
  await page.getByRole("heading", { name: "Kijk in uw e-mail" }).waitFor();
  await page.goto(await mailedLink(email, "/wachtwoord-herstellen"));
  const newPassword = "een nog langere zin als wachtwoord";
  await page.getByLabel("Nieuw wachtwoord").fill(newPassword);
  await page.getByLabel("Herhaal het wachtwoord").fill(newPassword);
  await page.getByRole("button", { name: "Wachtwoord instellen" }).click();
  await page.getByText("Uw wachtwoord is gewijzigd").waitFor();

  // The phone is lost: a recovery code, then a new app.
  await signIn(page, email, newPassword);
  await page.getByRole("button", { name: "Herstelcode gebruiken" }).click();
  await page.getByLabel("Herstelcode").fill(codes[0]);
  await page.locator("#form-recovery").getByRole("button", { name: "Bevestigen" }).click();
  await page.getByRole("heading", { name: "Tweestapsverificatie instellen" }).waitFor();
  const newSecret = (await page.locator("#secret").textContent()).replace(/\s/g, "");
  assert.notEqual(newSecret, secret);
  // Steps only move forward per user: wait until the step after the last one used.
  while (Math.floor(now() / 30) <= Math.floor(setupStep / 30)) await page.waitForTimeout(500);
  await page.locator("#setup-code").fill(totp(newSecret, now() + 30));
  await page.locator("#form-setup").getByRole("button", { name: "Bevestigen" }).click();
  await page.getByRole("heading", { name: "Uw herstelcodes" }).waitFor();
  assert.deepEqual(axeFound, []);
  assert.deepEqual(problems, []);
});

test("a wrong password shows the error in the page's language", async () => {
  const { page, problems } = await watchedPage(browser);
  await page.goto(`${server.url}/en/sign-in/`);
  await page.getByLabel("Email address").fill("nobody@browser-bakkerij.nl");
  await page.getByLabel("Password", { exact: true }).fill("not a password at all");
  await page.getByRole("button", { name: "Sign in" }).click();
  const alert = page.locator("#form-password [role=alert]");
  await alert.waitFor();
  assert.equal(await alert.textContent(), "The e-mail address or the password is wrong.");
  // The browser reports the 401 of the API call as a console error; nothing else.
  assert.ok(problems.every((p) => p.includes("401")), problems.join("\n"));
});
