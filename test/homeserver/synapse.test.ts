// The generated client against real Synapse. Run by `npm run test:homeserver`
// (scripts/homeserver/run.sh), which installs Synapse in a Debian sid chroot and names it in
// SPECGEN_SYNAPSE_ROOT; `npm test` also loads this file (it runs everything under dist/test/) and
// then skips the suite, in one line that says why.
//
// What stays with the stand-ins (test/servers/homeserver.ts, test/e2e/servers.mjs): answers a
// real Synapse cannot be made to give. A `javascript:` or missing Location, MAS's 303 redirects,
// ETag revalidation (Synapse's auth_metadata has no validator), broken bodies (BOM, cut off,
// oversized, slow), an IdP id with `/`, `?` or a space (Synapse's route refuses it before any IdP
// lookup), CORS preflights as a browser sends them, and m.login.sso flows that are invalid.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type * as Client from "../../generated/client/index.js";
import type * as Validators from "../../generated/validators/index.js";
import { ROOT } from "../helpers.js";
import { Agent } from "./agent.js";
import type { OidcServer } from "./idp.js";
import { AUTH_SERVICE_ISSUER, CLIENT_APP, specgenValidate, startInstances } from "./instances.js";
import type { Synapse } from "./synapse.js";

const ENABLED = process.env.SPECGEN_SYNAPSE_ROOT !== undefined;
const AUTH_SPEC = "specs/client-server/auth_metadata.yaml";

describe("real Synapse", { skip: !ENABLED && "run by `npm run test:homeserver`, which installs Synapse" }, () => {
  let client: typeof Client;
  let validators: typeof Validators;
  let idp: OidcServer;
  let authHttp: OidcServer;
  /** Two IdPs (one of them down), SSO login; no delegated auth. */
  let sso: Synapse;
  /** Delegated auth to a service with an https issuer, and to one with an http issuer. */
  let delegated: Synapse;
  let delegatedHttp: Synapse;
  let stop: (() => Promise<void>) | undefined;

  before(async () => {
    ({ client, validators, idp, authHttp, sso, delegated, delegatedHttp } = await startInstances((s) => {
      stop = s;
    }));
  });

  after(async () => {
    await stop?.();
  });

  test("GET /login offers m.login.sso, accepted by the generated validator, with both IdPs", async () => {
    const res = await fetch(`${sso.url}/_matrix/client/v3/login`);
    assert.equal(res.status, 200);
    const { flows } = (await res.json()) as { flows: Array<{ type: string }> };
    const flow = flows.find((f) => f.type === "m.login.sso");
    assert.ok(flow, `flows: ${JSON.stringify(flows)}`);
    const ok = validators.validateSsoLoginFlow(flow);
    assert.ok(ok, JSON.stringify(validators.validateSsoLoginFlow.errors));
    assert.ok(validators.isSsoLoginFlow(flow));
    assert.deepEqual(
      flow.identity_providers?.map((p) => p.id),
      ["oidc-dev", "oidc-down"],
    );
    for (const p of flow.identity_providers ?? []) assert.ok(validators.isIdentityProvider(p));
  });

  test("redirectToIdP answers 302 to the IdP's authorization endpoint", async () => {
    const res = await fetch(`${idp.url}/.well-known/openid-configuration`);
    const discovery = (await res.json()) as { authorization_endpoint: string };
    const r = await client.redirectToIdP({ baseUrl: sso.url }, { idpId: "oidc-dev", redirectUrl: CLIENT_APP });
    assert.equal(r.status, 302);
    assert.ok(r.location?.startsWith(`${discovery.authorization_endpoint}?`), r.location);
    const query = new URL(r.location!).searchParams;
    assert.equal(query.get("client_id"), "synapse");
    assert.equal(query.get("redirect_uri"), `${sso.url}/_synapse/client/oidc/callback`);
  });

  test("redirectToSSO with several IdPs answers a relative Location to Synapse's picker, resolved", async () => {
    const r = await client.redirectToSSO({ baseUrl: sso.url }, { redirectUrl: CLIENT_APP });
    assert.equal(r.status, 302);
    assert.match(r.headers.location ?? "", /^\/_synapse\/client\/pick_idp\?/, "Synapse sends a relative Location");
    const picker = new URL(r.location!);
    assert.equal(`${picker.origin}${picker.pathname}`, `${sso.url}/_synapse/client/pick_idp`);
    assert.equal(picker.searchParams.get("redirectUrl"), CLIENT_APP);
  });

  /** Logs in through the IdP from `start` (a `…Url` builder's URL) to the client app's `loginToken`. */
  async function ssoLogin(agent: Agent, start: string): Promise<URL> {
    const end = await agent.visit(start, (u) => u.href.startsWith(CLIENT_APP));
    const page = "page" in end && { ...end.page, body: end.page.body.slice(0, 300) };
    assert.ok("stoppedAt" in end, `the login ended on a page instead: ${JSON.stringify(page)}`);
    return new URL(end.stoppedAt);
  }

  async function exchange(loginToken: string): Promise<{ access_token: string; user_id: string }> {
    const res = await fetch(`${sso.url}/_matrix/client/v3/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ type: "m.login.token", token: loginToken }),
    });
    const body = (await res.json()) as { access_token: string; user_id: string };
    assert.equal(res.status, 200, JSON.stringify(body));
    return body;
  }

  test("a complete SSO login from redirectToIdPUrl: loginToken, then POST /login gives an access token", async () => {
    // A value with a space, '+', '&' and a non-ASCII letter, in the client app's own query.
    const note = "a b+c&d é";
    const redirectUrl = `${CLIENT_APP}done?note=${encodeURIComponent(note)}&x=1`;
    const agent = new Agent({ login: "alice", password: "any" });
    const start = client.redirectToIdPUrl({ baseUrl: sso.url }, { idpId: "oidc-dev", redirectUrl });
    const back = await ssoLogin(agent, start);
    assert.equal(`${back.origin}${back.pathname}`, `${CLIENT_APP}done`);
    assert.equal(back.searchParams.get("note"), note, "the redirect URL survived the round trip");
    assert.equal(back.searchParams.get("x"), "1");
    const loginToken = back.searchParams.get("loginToken");
    assert.ok(loginToken);
    const { access_token, user_id } = await exchange(loginToken);
    assert.equal(user_id, "@alice:localhost");
    const whoami = await fetch(`${sso.url}/_matrix/client/v3/account/whoami`, {
      headers: { authorization: `Bearer ${access_token}` },
    });
    assert.equal(((await whoami.json()) as { user_id: string }).user_id, "@alice:localhost");
  });

  test("a complete SSO login from redirectToSSOUrl, through Synapse's IdP picker", async () => {
    const agent = new Agent({ login: "bob", password: "any" });
    const picker = await agent.visit(client.redirectToSSOUrl({ baseUrl: sso.url }, { redirectUrl: CLIENT_APP }));
    assert.ok("page" in picker && picker.page.status === 200, "the picker page");
    // One link per IdP, `pick_idp?idp=<id>&redirectUrl=…`, relative to the page.
    const anchors = [...picker.page.body.matchAll(/<a href="(pick_idp\?[^"]*)"/g)];
    const hrefs = anchors.map((m) => m[1]!.replace(/&amp;/g, "&"));
    const links = hrefs.map((href) => new URL(href, picker.page.url));
    assert.deepEqual(
      links.map((u) => u.searchParams.get("idp")),
      ["oidc-dev", "oidc-down"],
    );
    const chosen = links[0]!;
    assert.equal(chosen.searchParams.get("redirectUrl"), CLIENT_APP);
    const back = await ssoLogin(agent, chosen.href);
    const { user_id } = await exchange(back.searchParams.get("loginToken")!);
    assert.equal(user_id, "@bob:localhost");
  });

  test("a Location fetched by one agent fails at Synapse's callback in another (the JSDoc's warning)", async () => {
    const fetched = await client.redirectToIdP({ baseUrl: sso.url }, { idpId: "oidc-dev", redirectUrl: CLIENT_APP });
    const browser = new Agent({ login: "carol", password: "any" });
    const end = await browser.visit(fetched.location!, (u) => u.href.startsWith(CLIENT_APP));
    assert.ok("page" in end, "no loginToken for the other agent");
    assert.equal(end.page.status, 400);
    assert.match(end.page.url, /\/_synapse\/client\/oidc\/callback\?/);
    // What the generated JSDoc of the redirect operations tells their callers, for this reason.
    const dts = readFileSync(join(ROOT, "generated/client/client-server/sso_login_redirect.d.ts"), "utf8");
    for (const op of ["redirectToSSO", "redirectToIdP"]) {
      // Within the operation's own comment (its description, before the note, may hold a `/`).
      const doc = new RegExp(
        `\\(\`${op}\`\\)\\.(?:(?!\\*/)[\\s\\S])*bound to the cookies` +
          "(?:(?!\\*/)[\\s\\S])*must navigate to the URL from the `",
      );
      assert.match(dts, doc, `${op}'s JSDoc`);
    }
  });

  test("an unknown IdP is a MatrixError 404 M_NOT_FOUND", async () => {
    const err = await client.redirectToIdP({ baseUrl: sso.url }, { idpId: "oidc-nope", redirectUrl: CLIENT_APP }).then(
      () => assert.fail("resolved"),
      (e: unknown) => e,
    );
    assert.ok(err instanceof client.MatrixError, String(err));
    assert.deepEqual([err.status, err.errcode], [404, "M_NOT_FOUND"]);
  });

  test("an IdP that is down: Synapse's HTML error page is an HttpError that names the status first", async () => {
    const err = await client.redirectToIdP({ baseUrl: sso.url }, { idpId: "oidc-down", redirectUrl: CLIENT_APP }).then(
      () => assert.fail("resolved"),
      (e: unknown) => e,
    );
    assert.ok(err instanceof client.HttpError, String(err));
    assert.equal(err.status, 503);
    assert.equal(err.message, "HTTP 503: Service Unavailable");
    assert.doesNotMatch(err.message, /not JSON/);
  });

  test("getAuthMetadata without delegated auth is a MatrixError 404 M_UNRECOGNIZED", async () => {
    const err = await client.getAuthMetadata({ baseUrl: sso.url }).then(
      () => assert.fail("resolved"),
      (e: unknown) => e,
    );
    assert.ok(err instanceof client.MatrixError, String(err));
    assert.deepEqual([err.status, err.errcode], [404, "M_UNRECOGNIZED"]);
  });

  /** A `fetch` that counts the requests it sends. */
  function countingFetch(): { fetch: typeof fetch; count: () => number } {
    let n = 0;
    const counted: typeof fetch = (input, init) => {
      n++;
      return fetch(input, init);
    };
    return { fetch: counted, count: () => n };
  }

  test("getAuthMetadata via delegated auth (https issuer): valid, cached per Synapse's Cache-Control", async () => {
    let now = Date.now();
    const counter = countingFetch();
    const c = client.createClient({ baseUrl: delegated.url, fetch: counter.fetch, now: () => now });
    const first = await c.getAuthMetadata();
    assert.equal(first.data.issuer, AUTH_SERVICE_ISSUER);
    const passed = (first.data as Record<string, unknown>).account_management_uri;
    assert.equal(passed, `${AUTH_SERVICE_ISSUER}account`, "passed through by Synapse");
    assert.ok(first.data.response_types_supported.includes("code"));
    const cc = first.headers["cache-control"] ?? "";
    const maxAge = Number(/max-age=(\d+)/.exec(cc)?.[1]);
    assert.ok(maxAge > 0, `Synapse's Cache-Control: ${cc}`);
    console.log(`# auth_metadata Cache-Control from Synapse: ${cc}`);
    now += (maxAge - 1) * 1000;
    assert.deepEqual((await c.getAuthMetadata()).data, first.data);
    assert.equal(counter.count(), 1, "fresh: served from the cache");
    now += 2000;
    await c.getAuthMetadata();
    assert.equal(counter.count(), 2, "stale after max-age: fetched again");
  });

  test("an auth service with an http issuer is refused by the overlay rule, and never cached", async () => {
    const counter = countingFetch();
    const c = client.createClient({ baseUrl: delegatedHttp.url, fetch: counter.fetch });
    for (let i = 1; i <= 2; i++) {
      const err = await c.getAuthMetadata().then(
        () => assert.fail("resolved"),
        (e: unknown) => e,
      );
      assert.ok(err instanceof client.ResponseValidationError, String(err));
      assert.deepEqual(
        err.errors.map((e) => e.pointer),
        ["/issuer"],
      );
      assert.equal(counter.count(), i, "a 200 that failed validation is fetched again, not served from the cache");
    }
    // The documented way to accept it: no client-side checks, the schema as written checked instead.
    const { data } = await client.getAuthMetadata({ baseUrl: delegatedHttp.url, validate: false });
    assert.equal(data.issuer, authHttp.issuer);
    validators.assertGetAuthMetadataResponseAsWritten(data);
  });

  test("specgen validate <spec>#getAuthMetadata <url> against each instance", async () => {
    const path = "/_matrix/client/v1/auth_metadata";
    const ok = await specgenValidate(`${AUTH_SPEC}#getAuthMetadata`, `${delegated.url}${path}`);
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);

    const httpUrl = `${delegatedHttp.url}${path}`;
    const http = await specgenValidate(`${AUTH_SPEC}#getAuthMetadata`, httpUrl);
    assert.equal(http.status, 1, http.stderr);
    assert.match(http.stdout, /\/issuer must match pattern "\^https:\/\/\[\^\?#\]\+\$" \(overlay rule: /);
    const asWritten = await specgenValidate("--no-overlays", `${AUTH_SPEC}#getAuthMetadata`, httpUrl);
    assert.equal(asWritten.status, 0, asWritten.stdout + asWritten.stderr);

    const none = await specgenValidate(`${AUTH_SPEC}#getAuthMetadata`, `${sso.url}${path}`);
    assert.equal(none.status, 1, none.stderr);
    assert.equal(none.stdout.trim(), `${sso.url}${path}: HTTP 404 Not Found: M_UNRECOGNIZED: Unrecognized request`);
    const json = await specgenValidate("--format", "json", `${AUTH_SPEC}#getAuthMetadata`, `${sso.url}${path}`);
    assert.equal(json.status, 1, json.stderr);
    assert.deepEqual(JSON.parse(json.stdout), [
      {
        file: `${sso.url}${path}`,
        message: "HTTP 404 Not Found: M_UNRECOGNIZED: Unrecognized request",
        status: 404,
        errcode: "M_UNRECOGNIZED",
        error: "Unrecognized request",
      },
    ]);
  });
});
