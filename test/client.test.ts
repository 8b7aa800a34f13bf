import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import type * as Generated from "../generated/client/index.js";
import type * as GeneratedValidators from "../generated/validators/index.js";
import { METADATA, startHomeserver, type Homeserver } from "./servers/homeserver.js";
import { startOidcProvider } from "./servers/oidc.js";
import { FIXTURES, ROOT } from "./helpers.js";
import { typecheck } from "./typecheck.js";

// The client against the loopback stand-in (test/servers/homeserver.ts), for what a real Synapse
// cannot be made to answer; the behaviour real Synapse shows is proved against it by
// `npm run test:homeserver` (test/homeserver/synapse.test.ts). Each test here needs a stand-in
// answer: ETag revalidation (Synapse's auth_metadata has none), broken bodies (BOM, invalid,
// oversized, a server without OAuth beside a Matrix error), MAS's 303 and a `javascript:`
// Location, idpId values Synapse's router refuses, oidc-provider's own metadata, the as-written
// validators on documents no server sends (a member missing), and the stubs' types.

// Types from the source tree, code from the generated package itself (tests run from dist/).
const {
  HttpError,
  MatrixError,
  ResponseValidationError,
  createClient,
  createMemoryCache,
  getAuthMetadata,
  redirectToIdPUrl,
} = (await import(join(ROOT, "generated/client/index.js"))) as typeof Generated;

let hs: Homeserver;
before(async () => {
  hs = await startHomeserver();
});
after(() => hs.close());

test("discovery is cached per Cache-Control and revalidated with ETag; the cache can be shared", async () => {
  hs.set("synapse");
  let now = 1_000_000;
  const cache = createMemoryCache();
  const a = createClient({ baseUrl: hs.url, cache, now: () => now });
  const b = createClient({ baseUrl: hs.url, cache, now: () => now });
  const before = hs.requests.length;
  await a.getAuthMetadata();
  await b.getAuthMetadata();
  assert.equal(hs.requests.length - before, 1, "the second client is served from the shared cache");
  now += 601_000; // past max-age=600
  const again = await a.getAuthMetadata();
  assert.equal(hs.requests.length - before, 2);
  assert.equal(hs.headers.at(-1)?.["if-none-match"], '"v1"', "revalidated with If-None-Match");
  assert.deepEqual(again.data, METADATA, "a 304 reuses the cached body");
  hs.set("synapse", { cacheControl: "no-store", etag: '"v2"' });
  const c = createClient({ baseUrl: hs.url, cache: createMemoryCache() });
  const n = hs.requests.length;
  await c.getAuthMetadata();
  await c.getAuthMetadata();
  assert.equal(hs.requests.length - n, 2, "no-store is never cached");
});

test("failures are typed: Matrix error bodies, other statuses, invalid bodies; BOM tolerated", async () => {
  const client = createClient({ baseUrl: hs.url, cache: false });
  hs.set("no-oauth");
  await assert.rejects(
    client.getAuthMetadata(),
    (e: unknown) => e instanceof MatrixError && e.status === 404 && e.errcode === "M_UNRECOGNIZED",
  );
  hs.set("broken");
  await assert.rejects(
    client.getAuthMetadata(),
    (e: unknown) => e instanceof HttpError && e.status === 502 && /Bad Gateway/.test(e.body),
  );
  hs.set("synapse", { metadata: { ...METADATA, issuer: 42, response_types_supported: ["token"] } });
  await assert.rejects(client.getAuthMetadata(), (e: unknown) => {
    assert.ok(e instanceof ResponseValidationError);
    const pointers = e.errors.map((x) => x.pointer);
    assert.ok(pointers.includes("/issuer"), pointers.join());
    assert.ok(
      pointers.includes("/response_types_supported"),
      `the overlay's "MUST contain code" rule: ${pointers.join()}`,
    );
    return true;
  });
  hs.set("synapse", { body: `\uFEFF${JSON.stringify(METADATA)}` });
  assert.deepEqual((await client.getAuthMetadata()).data, METADATA);
  hs.set("synapse", { metadata: { ...METADATA, issuer: 42 } });
  const lax = createClient({ baseUrl: hs.url, cache: false, validate: false });
  assert.equal((await lax.getAuthMetadata()).data.issuer as unknown, 42, "validate: false skips validation");
});

test("network errors and timeouts pass through unchanged", async () => {
  const client = createClient({ baseUrl: "http://127.0.0.1:9", cache: false });
  await assert.rejects(client.getAuthMetadata(), (e: unknown) => e instanceof TypeError && !(e instanceof HttpError));
  hs.set("synapse");
  const hang: typeof fetch = (_input, init) =>
    new Promise((_, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal?.reason)));
  const slow = createClient({ baseUrl: hs.url, cache: false, fetch: hang });
  await assert.rejects(
    slow.getAuthMetadata({ signal: AbortSignal.timeout(50) }),
    (e: unknown) => e instanceof DOMException && e.name === "TimeoutError",
  );
});

test("SSO redirects: Location resolved (Synapse relative 302, MAS absolute 303), never followed", async () => {
  hs.set("synapse");
  const client = createClient({ baseUrl: hs.url });
  const picker = await client.redirectToSSO({ redirectUrl: "element://vector/webapp/" });
  assert.equal(picker.status, 302);
  assert.equal(picker.location, `${hs.url}/_synapse/client/pick_idp?redirectUrl=element%3A%2F%2Fvector%2Fwebapp%2F`);
  const idp = await client.redirectToIdP({ idpId: "oidc-github", redirectUrl: "https://app.example.org/" });
  assert.equal(idp.location, "https://github.com/login/oauth/authorize?state=abc");
  assert.equal(idp.headers.location, "https://github.com/login/oauth/authorize?state=abc");
  hs.set("mas");
  const mas = await client.redirectToIdP({ idpId: "anything", redirectUrl: "https://app.example.org/" });
  assert.equal(mas.status, 303);
  assert.equal(mas.location, "https://auth.example.org/authorize?redirect=https%3A%2F%2Fapp.example.org%2F");
});

test("SSO failures: unknown IdP 404, missing redirectUrl 400, a javascript: Location refused", async () => {
  hs.set("synapse");
  const client = createClient({ baseUrl: hs.url });
  await assert.rejects(
    client.redirectToIdP({ idpId: "nope", redirectUrl: "https://app/" }),
    (e: unknown) => e instanceof HttpError && e.status === 404,
  );
  // A caller without types can still omit it; the server's 400 arrives typed.
  const untyped = client.redirectToSSO as (p: object) => Promise<unknown>;
  await assert.rejects(
    untyped({}),
    (e: unknown) => e instanceof MatrixError && e.status === 400 && e.errcode === "M_MISSING_PARAM",
  );
  await assert.rejects(
    client.redirectToIdP({ idpId: "evil", redirectUrl: "https://app/" }),
    (e: unknown) => e instanceof HttpError && e.status === 302,
  );
});

test("hostile idpId values reach the server percent-encoded and cannot change path or query", async () => {
  hs.set("synapse");
  const client = createClient({ baseUrl: hs.url });
  for (const idpId of ["a/b", "../../admin", "x?redirectUrl=evil", "frag#x", "100%", "a b", "Ωmega", "..%2F"]) {
    const url = redirectToIdPUrl({ baseUrl: hs.url }, { idpId, redirectUrl: "https://app/" });
    const parsed = new URL(url);
    assert.equal(parsed.pathname, `/_matrix/client/v3/login/sso/redirect/${encodeURIComponent(idpId)}`, idpId);
    assert.deepEqual([...parsed.searchParams.keys()], ["redirectUrl"], idpId);
    const n = hs.requests.length;
    await client.redirectToIdP({ idpId, redirectUrl: "https://app/" }).catch(() => undefined);
    assert.equal(
      hs.requests[n],
      `GET /_matrix/client/v3/login/sso/redirect/${encodeURIComponent(idpId)}?redirectUrl=https%3A%2F%2Fapp%2F`,
      idpId,
    );
  }
  assert.throws(() => redirectToIdPUrl({ baseUrl: hs.url }, { idpId: "..", redirectUrl: "https://app/" }), TypeError);
});

test("oidc-provider's real metadata comes back typed and validated", async () => {
  const op = await startOidcProvider();
  try {
    const { data } = await getAuthMetadata({ baseUrl: op.url });
    assert.equal(data.issuer, "https://auth.example.org");
    assert.ok(data.response_types_supported.includes("code"));
    assert.match(data.registration_endpoint, /\/reg$/);
    assert.match(data.revocation_endpoint, /\/token\/revocation$/);
  } finally {
    await op.close();
  }
});

test("an auth service's http issuer: validate: false, then the as-written validator checks the schema", async () => {
  const v = (await import(join(ROOT, "generated/validators/index.js"))) as typeof GeneratedValidators;
  const local = { ...METADATA, issuer: "http://localhost:8080/" };
  hs.set("synapse", { metadata: local });
  await assert.rejects(
    getAuthMetadata({ baseUrl: hs.url, cache: false }),
    (e: unknown) => e instanceof ResponseValidationError && e.errors[0]?.pointer === "/issuer",
  );
  // The documented way: the client checks nothing, the application checks the schema as written.
  const { data } = await getAuthMetadata({ baseUrl: hs.url, cache: false, validate: false });
  v.assertGetAuthMetadataResponseAsWritten(data);
  assert.equal(v.isGetAuthMetadataResponseAsWritten(data), true);
  assert.equal(v.isGetAuthMetadataResponse(data), false, "the overlaid validator still refuses it");
  // Still a schema check: a required member missing or mistyped is refused.
  const { issuer: _, ...noIssuer } = local;
  assert.equal(v.isGetAuthMetadataResponseAsWritten(noIssuer), false);
  assert.equal(v.isGetAuthMetadataResponseAsWritten({ ...local, grant_types_supported: "authorization_code" }), false);
  assert.throws(() => v.assertGetAuthMetadataResponseAsWritten(noIssuer), /\/issuer is required/);
});

test("the stubs are typed from the spec: missing or wrongly typed parameters do not compile", () => {
  assert.deepEqual(typecheck([join(FIXTURES, "consumer/client-usage.ts")]), []);
});
