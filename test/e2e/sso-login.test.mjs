// The SSO login example (examples/sso-login/) on the generated package, in headless Chromium.
// Run with `npm run test:e2e` (not part of `npm test`); needs Debian's chromium at /usr/bin/chromium.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { METADATA, startHomeserver, startIdp, startStaticServer } from "./servers.mjs";

const CHROMIUM = process.env.SPECGEN_CHROMIUM ?? "/usr/bin/chromium";
if (!existsSync(CHROMIUM)) {
  // Fail, never skip: a missing browser must not look like a passing run.
  process.stderr.write(`sso-login e2e: no Chromium at ${CHROMIUM}; install it with \`apt-get install chromium\` (or run .ci/install-browser)\n`);
  process.exit(1);
}
const { chromium } = await import("playwright-core");

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const ARTIFACTS = join(ROOT, "test-artifacts");
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync"];

const IDPS = [
  { id: "oidc-github", name: "GitHub", brand: "github", icon: "mxc://example.org/github-logo" },
  { id: "oidc-gitlab", name: "GitLab", brand: "gitlab" },
  { id: "corp/sso?x y", name: "Example Corp" },
];
const flows = (identity_providers) => [{ type: "m.login.password" }, { type: "m.login.sso", identity_providers }];

let browser, site, hs, idp;
before(async () => {
  idp = await startIdp();
  hs = await startHomeserver({ idpUrl: idp.url });
  site = await startStaticServer(ROOT, ["examples/sso-login", "generated"]);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS, timeout: 30_000 });
});
after(async () => {
  await browser?.close();
  await Promise.all([site?.close(), hs?.close(), idp?.close()]);
});

/** The example page's URL for the stand-in homeserver. */
const pageUrl = () => `${site.url}/examples/sso-login/?${new URLSearchParams({ hs: hs.url })}`;

/**
 * Opens the example in a fresh context and waits until it has rendered. `problems` collects page
 * errors, failed requests and console errors, except the browser's own "Failed to load resource"
 * line for a homeserver answering an error status on purpose.
 */
async function open(t) {
  const context = await browser.newContext({ viewport: { width: 640, height: 720 } });
  context.setDefaultTimeout(10_000);
  t.after(() => context.close());
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`requestfailed: ${r.url()} ${r.failure()?.errorText}`));
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    if (/^Failed to load resource/.test(m.text()) && m.location().url.startsWith(hs.url)) return;
    problems.push(`console: ${m.text()}`);
  });
  await page.goto(pageUrl());
  await page.waitForSelector("body[data-state=ready]").catch((e) => {
    throw new Error(`the page never finished rendering; ${problems.join("; ") || e.message}`);
  });
  return { page, problems };
}

const buttons = (page) => page.locator("#idps button.idp");

/** Clicks the IdP button named `name`, approves at the IdP, waits to be back with a token. */
async function signIn(page, name) {
  await buttons(page).filter({ hasText: name }).click();
  await page.waitForURL((u) => u.origin === idp.url && u.pathname === "/authorize");
  await page.click("#approve");
  await page.waitForURL((u) => u.origin === site.url && u.searchParams.has("loginToken"));
  await page.waitForSelector("body[data-state=ready]");
}

test("the page loads the generated package as browser ESM, shows the OAuth issuer and one button per IdP", async (t) => {
  hs.set({ metadata: METADATA, flows: flows(IDPS) });
  site.log.length = 0;
  const { page, problems } = await open(t);

  assert.equal(await page.getAttribute("#oauth", "data-result"), "offered");
  assert.equal(await page.textContent("#oauth .issuer"), METADATA.issuer);

  assert.equal(await page.getAttribute("#sso", "data-result"), "buttons");
  assert.equal(await buttons(page).count(), 3);
  assert.deepEqual(await buttons(page).locator(".idp-name").allTextContents(), ["GitHub", "GitLab", "Example Corp"]);
  const attrs = await buttons(page).evaluateAll((bs) => bs.map((b) => ({ id: b.dataset.idpId, brand: b.dataset.brand ?? null, cls: b.className })));
  assert.deepEqual(
    attrs.map(({ id, brand }) => ({ id, brand })),
    IDPS.map(({ id, brand }) => ({ id, brand: brand ?? null })),
  );
  assert.match(attrs[0].cls, /\bidp-brand-github\b/);
  assert.match(attrs[1].cls, /\bidp-brand-gitlab\b/);
  assert.doesNotMatch(attrs[2].cls, /idp-brand/);
  // The mxc:// icon is shown as text and never fetched.
  assert.equal(await buttons(page).nth(0).locator(".idp-icon").textContent(), "mxc://example.org/github-logo");
  assert.equal(await page.locator("#idps img").count(), 0);

  mkdirSync(ARTIFACTS, { recursive: true });
  await page.locator("#sso").screenshot({ path: join(ARTIFACTS, "sso-login-buttons.png") });

  // Every module came from the generated package through relative imports: the import map names
  // only two entry points, so a bare import anywhere else would have failed to resolve.
  const modules = site.log.filter((r) => r.path.startsWith("/generated/")).map((r) => r.path);
  for (const m of ["/generated/client/index.js", "/generated/client/runtime.js", "/generated/client/client-server/auth_metadata.js",
    "/generated/validators/index.js", "/generated/validators/runtime.js", "/generated/validators/formats.js",
    "/generated/validators/client-server/definitions/sso_login_flow.js",
    "/generated/validators/client-server/definitions/sso_login_flow.ajv.js"]) {
    assert.ok(modules.includes(m), `${m} loaded (got ${modules.join(", ")})`);
  }
  assert.deepEqual(site.log.filter((r) => r.status !== 200), [], "every static request answered 200");
  assert.deepEqual(problems, []);
});

test("the stand-in homeserver answers CORS preflights, as a browser sees it", async (t) => {
  hs.set({ metadata: METADATA, flows: flows(IDPS) });
  const { page, problems } = await open(t);
  const n = hs.requests.length;
  // A header that is not CORS-safelisted forces a preflight.
  const status = await page.evaluate(
    async (url) => (await fetch(`${url}/_matrix/client/v1/auth_metadata`, { headers: { authorization: "Bearer x" } })).status,
    hs.url,
  );
  assert.equal(status, 200);
  assert.deepEqual(hs.requests.slice(n), ["OPTIONS /_matrix/client/v1/auth_metadata", "GET /_matrix/client/v1/auth_metadata"]);
  assert.deepEqual(problems, []);
});

test("a click goes to the homeserver's SSO redirect, the IdP, and back with a loginToken", async (t) => {
  hs.set({ metadata: METADATA, flows: flows(IDPS) });
  const { page, problems } = await open(t);
  const redirectUrl = pageUrl();
  const n = hs.requests.length;
  await signIn(page, "GitHub");

  assert.equal(hs.requests[n], `GET /_matrix/client/v3/login/sso/redirect/oidc-github?redirectUrl=${encodeURIComponent(redirectUrl)}`);
  const grant = idp.issued.at(-1);
  assert.deepEqual({ idp: grant.idp, redirectUrl: grant.redirectUrl }, { idp: "oidc-github", redirectUrl });
  const final = new URL(page.url());
  assert.equal(`${final.origin}${final.pathname}`, `${site.url}/examples/sso-login/`);
  assert.equal(final.searchParams.get("hs"), hs.url);
  assert.equal(final.searchParams.get("loginToken"), grant.token);
  assert.equal(await page.textContent("#login-token"), grant.token);
  assert.deepEqual(problems, []);
});

test("an idpId with '/', '?' and a space reaches the homeserver percent-encoded", async (t) => {
  hs.set({ metadata: METADATA, flows: flows(IDPS) });
  const { page, problems } = await open(t);
  const n = hs.requests.length;
  await signIn(page, "Example Corp");

  const line = hs.requests[n];
  assert.equal(line, `GET /_matrix/client/v3/login/sso/redirect/corp%2Fsso%3Fx%20y?redirectUrl=${encodeURIComponent(pageUrl())}`);
  assert.equal(idp.issued.at(-1).idp, "corp/sso?x y", "the homeserver decoded the one path segment back to the id");
  assert.equal(new URL(page.url()).searchParams.get("loginToken"), idp.issued.at(-1).token);
  assert.deepEqual(problems, []);
});

test("an invalid m.login.sso flow shows the validator's JSON pointers and no buttons", async (t) => {
  hs.set({ metadata: METADATA, flows: flows([{ id: "ok", name: "Fine" }, { name: "No id" }, { id: 7, name: "Numeric id" }]) });
  const { page, problems } = await open(t);

  assert.equal(await page.getAttribute("#sso", "data-result"), "invalid");
  assert.ok(await page.isVisible("#sso-error"));
  assert.match(await page.textContent("#sso-error-title"), /m\.login\.sso flow is invalid/);
  const items = await page.locator("#sso-error-list li").allTextContents();
  assert.ok(items.includes("/identity_providers/1/id is required"), items.join(" | "));
  assert.ok(items.includes("/identity_providers/2/id must be string"), items.join(" | "));
  assert.deepEqual(await page.locator("#sso-error-list .pointer").allTextContents(), ["/identity_providers/1/id", "/identity_providers/2/id"]);
  assert.equal(await page.locator("#idps button").count(), 0);
  assert.deepEqual(problems, []);
});

test("a homeserver without OAuth (404 M_UNRECOGNIZED) gets a clear message; SSO still works", async (t) => {
  hs.set({ metadata: null, flows: flows(IDPS) });
  const { page, problems } = await open(t);

  assert.equal(await page.getAttribute("#oauth", "data-result"), "not-offered");
  assert.match(await page.textContent("#oauth-status"), /does not offer OAuth 2\.0 login.*404 M_UNRECOGNIZED/);
  assert.equal(await buttons(page).count(), 3);
  assert.deepEqual(problems, []);
});

test("text from the server reaches the page as text, never as markup", async (t) => {
  const name = `<img src=x onerror="window.pwned=1">Evil`;
  hs.set({ metadata: METADATA, flows: flows([{ id: "evil", name, brand: `x" onmouseover="window.pwned=1`, icon: "<svg onload=1>" }]) });
  const { page, problems } = await open(t);

  assert.equal(await buttons(page).locator(".idp-name").textContent(), name);
  assert.equal(await buttons(page).getAttribute("data-brand"), `x" onmouseover="window.pwned=1`);
  assert.equal(await buttons(page).locator(".idp-icon").textContent(), "<svg onload=1>");
  assert.equal(await page.locator("#idps img, #idps svg").count(), 0);
  assert.equal(await page.evaluate(() => "pwned" in window), false);
  assert.deepEqual(problems, []);
  // The page enforces Trusted Types, so markup from a string cannot be injected at all.
  const injected = await page.evaluate(() => {
    try {
      document.body.insertAdjacentHTML("beforeend", "<i>x</i>");
      return "accepted";
    } catch (e) {
      return e.name;
    }
  });
  assert.equal(injected, "TypeError");
  assert.match(problems.join("\n"), /requires 'TrustedHTML' assignment/, "Chromium reports the blocked sink");
});
