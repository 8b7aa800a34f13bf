// The client cache keeps only answers anyone may see, each caller gets its own copy, freshness is parsed exactly.
import assert from "node:assert/strict";
import type { IncomingMessage, ServerResponse } from "node:http";
import { after, before, beforeEach, describe, it } from "node:test";
import {
  ResponseValidationError,
  createClient,
  createMemoryCache,
  request,
  type CacheEntry,
  type Operation,
  type Result,
} from "../../generator/runtime/index.js";
import { limit, reply, serve, type TestServer } from "./helpers.js";

const op: Operation = { method: "GET", base: "/_matrix/client/v3", path: "/account/whoami", cache: true };
type Who = Result<{ user: string }>;

describe("what the cache stores", limit, () => {
  let srv: TestServer;
  let handle: (req: IncomingMessage, res: ServerResponse) => void;
  let t: number;
  before(async () => {
    srv = await serve((req, res) => handle(req, res));
  });
  after(() => srv.close());
  beforeEach(() => {
    t = 1_700_000_000_000;
    srv.seen.length = 0;
  });
  const client = (extra = {}) => createClient({ baseUrl: srv.url, now: () => t, ...extra });
  /** Answers with the caller's token, as a personal endpoint (e.g. /whoami) does. */
  const personal =
    (cacheControl: string, extra: Record<string, string> = {}) =>
    (req: IncomingMessage, res: ServerResponse) =>
      reply(
        res,
        200,
        { user: req.headers.authorization ?? req.headers.cookie ?? "anonymous" },
        { "cache-control": cacheControl, ...extra },
      );

  it("never serves the answer to one Authorization to another (shared cache, max-age)", async () => {
    handle = personal("max-age=600");
    const cache = createMemoryCache();
    const alice = client({ cache, headers: { Authorization: "Bearer alice" } });
    const bob = client({ cache, headers: { authorization: "Bearer bob" } });
    assert.equal((await request<Who>(alice, op)).data.user, "Bearer alice");
    assert.equal((await request<Who>(bob, op)).data.user, "Bearer bob");
    assert.equal(
      (await request<Who>(bob, op, {}, { headers: { AUTHORIZATION: "Bearer carol" } })).data.user,
      "Bearer carol",
    );
    assert.equal(srv.seen.length, 3);
    assert.equal(await cache.get(`${srv.url}/_matrix/client/v3/account/whoami`), undefined);
  });

  it("never stores the answer to a request with a Cookie or credentials: include", async () => {
    handle = personal("max-age=600");
    const cache = createMemoryCache();
    await request<Who>(client({ cache }), op, {}, { headers: { cookie: "session=alice" } });
    await request(client({ cache }), op, {}, { credentials: "include" } as object);
    assert.equal(await cache.get(`${srv.url}/_matrix/client/v3/account/whoami`), undefined);
    assert.equal((await request<Who>(client({ cache }), op)).data.user, "anonymous");
    assert.equal(srv.seen.length, 3);
  });

  it("stores an answer to Authorization that says public (the Matrix discovery documents do)", async () => {
    handle = personal("Public, max-age=600");
    const cache = createMemoryCache();
    await request(client({ cache, headers: { authorization: "Bearer alice" } }), op);
    await request(client({ cache, headers: { authorization: "Bearer bob" } }), op);
    assert.equal(srv.seen.length, 1);
  });

  for (const [what, cacheControl, extra] of [
    ["private", "private, max-age=600", {}],
    ["private with field names", 'private="set-cookie", max-age=600', {}],
    ["no-store", "NO-STORE, max-age=600", {}],
    ["Vary: Authorization", "public, max-age=600", { vary: "Accept-Encoding, Authorization" }],
    ["Vary: *", "public, max-age=600", { vary: "*" }],
  ] as const)
    it(`never stores an answer with ${what}`, async () => {
      handle = personal(cacheControl, extra);
      const cache = createMemoryCache();
      await request(client({ cache }), op);
      await request(client({ cache }), op);
      assert.equal(srv.seen.length, 2);
      assert.equal(await cache.get(`${srv.url}/_matrix/client/v3/account/whoami`), undefined);
    });

  it("stores an answer that varies on Accept-Encoding only", async () => {
    handle = personal("max-age=600", { vary: "accept-encoding" });
    const c = client();
    await request(c, op);
    await request(c, op);
    assert.equal(srv.seen.length, 1);
  });

  it("drops a stale entry whose revalidation now says no-store", async () => {
    let policy = "max-age=10";
    handle = (_q, res) => reply(res, 200, { user: "x" }, { "cache-control": policy });
    const cache = createMemoryCache();
    await request(client({ cache }), op);
    assert.ok(await cache.get(`${srv.url}/_matrix/client/v3/account/whoami`));
    policy = "no-store";
    t += 11_000;
    await request(client({ cache }), op);
    assert.equal(await cache.get(`${srv.url}/_matrix/client/v3/account/whoami`), undefined);
  });

  it("never stores an answer that failed validation", async () => {
    handle = (_q, res) => reply(res, 200, { user: 42 }, { "cache-control": "public, max-age=600" });
    const isWho = Object.assign((x: unknown) => typeof (x as { user?: unknown }).user === "string", {
      errors: [{ instancePath: "/user", message: "must be string" }],
    });
    const cache = createMemoryCache();
    const checked = { ...op, validate: { 200: isWho } };
    await assert.rejects(request(client({ cache }), checked), ResponseValidationError);
    assert.equal(await cache.get(`${srv.url}/_matrix/client/v3/account/whoami`), undefined);
    await assert.rejects(request(client({ cache }), checked), ResponseValidationError);
    assert.equal(srv.seen.length, 2);
  });

  it("hands every caller its own copy of the data and headers", async () => {
    handle = (_q, res) => reply(res, 200, { user: "x", rooms: ["a"] }, { "cache-control": "public, max-age=600" });
    const c = client();
    const first = await request<Result<{ user: string; rooms: string[] }>>(c, op);
    first.data.user = "mallory";
    first.data.rooms.push("evil");
    first.headers["cache-control"] = "changed";
    const second = await request<Result<{ user: string; rooms: string[] }>>(c, op);
    assert.deepEqual(second.data, { user: "x", rooms: ["a"] });
    second.data.rooms.push("again");
    second.headers["cache-control"] = "changed";
    const third = await request<Result<{ user: string; rooms: string[] }>>(c, op);
    assert.deepEqual(third.data, { user: "x", rooms: ["a"] });
    assert.equal(third.headers["cache-control"], "public, max-age=600");
    assert.equal(srv.seen.length, 1);
  });

  it("keeps at most 100 entries by default, dropping the least recently used", async () => {
    handle = (req, res) => reply(res, 200, { path: req.url }, { "cache-control": "public, max-age=600" });
    const sync: Operation = { method: "GET", path: "/sync", query: ["since"], cache: true };
    const c = client();
    await request(c, sync, { since: "s0" });
    for (let i = 1; i <= 100; i++) {
      await request(c, sync, { since: `s${i}` });
      await request(c, sync, { since: "s0" }); // s0 stays the most recently used
    }
    assert.equal(srv.seen.length, 101);
    await request(c, sync, { since: "s1" }); // dropped as least recently used
    assert.equal(srv.seen.length, 102);
    const cache = createMemoryCache(2);
    const entry: CacheEntry = { data: 1, headers: {}, expires: 0 };
    cache.set("a", entry);
    cache.set("b", entry);
    cache.get("a");
    cache.set("c", entry);
    assert.equal(cache.get("b"), undefined);
    assert.ok(cache.get("a") && cache.get("c"));
  });
});

describe("freshness is parsed exactly", limit, () => {
  let srv: TestServer;
  let headers: Record<string, string>;
  let t: number;
  before(async () => {
    srv = await serve((_q, res) => reply(res, 200, { v: 1 }, headers));
  });
  after(() => srv.close());
  beforeEach(() => {
    t = 1_700_000_000_000;
    srv.seen.length = 0;
  });
  /** How many requests two calls 1 s apart make with these response headers: 1 = fresh, 2 = stale. */
  async function requestsFor(h: Record<string, string>): Promise<number> {
    headers = h;
    srv.seen.length = 0;
    const c = createClient({ baseUrl: srv.url, now: () => t });
    await request(c, { ...op, path: "/fresh" });
    t += 1000;
    await request(c, { ...op, path: "/fresh" });
    return srv.seen.length;
  }

  it("treats Age past 2^31 as stale, not as a negative int32", async () => {
    assert.equal(await requestsFor({ "cache-control": "max-age=600", age: "2147483648" }), 2);
    assert.equal(await requestsFor({ "cache-control": "max-age=600", age: "4294967896" }), 2);
    assert.equal(await requestsFor({ "cache-control": "max-age=600", age: "99999999999999999999999999" }), 2);
  });

  it("clamps a huge max-age instead of overflowing", async () => {
    assert.equal(await requestsFor({ "cache-control": "max-age=99999999999999999999999999" }), 1);
    assert.equal(await requestsFor({ "cache-control": "max-age=4294967296", age: "0" }), 1);
  });

  it("reads only the directive named exactly max-age / no-cache", async () => {
    assert.equal(await requestsFor({ "cache-control": "x-max-age=600" }), 2);
    assert.equal(await requestsFor({ "cache-control": "max-age-x=600" }), 2);
    assert.equal(await requestsFor({ "cache-control": "no-cache-x, max-age=600" }), 1);
    assert.equal(await requestsFor({ "cache-control": 'ext="no-cache, a", MAX-AGE=600' }), 1);
    assert.equal(await requestsFor({ "cache-control": 'ext="a, max-age=600"' }), 2);
    assert.equal(await requestsFor({ "cache-control": "private-x, max-age=600" }), 1);
    assert.equal(await requestsFor({ "cache-control": "max-age = 600" }), 2);
    assert.equal(await requestsFor({ "cache-control": 'a b, "max-age=600", max-age=60 0' }), 2);
  });

  it("takes delta-seconds as digits only, and a conflicting repeat as no max-age", async () => {
    for (const value of ["600.5", "-600", "+600", "6e2", "0x258", " ", "", "600abc"])
      assert.equal(await requestsFor({ "cache-control": `max-age=${value}` }), 2, value);
    assert.equal(await requestsFor({ "cache-control": 'max-age="600"' }), 1);
    assert.equal(await requestsFor({ "cache-control": "max-age=600, max-age=0" }), 2);
    assert.equal(await requestsFor({ "cache-control": "max-age=600, max-age=600" }), 1);
  });

  it("takes Age as a non-negative integer, anything else as stale", async () => {
    for (const age of ["-5", "1.5", "abc", "5, 7"])
      assert.equal(await requestsFor({ "cache-control": "max-age=600", age }), 2, age);
    assert.equal(await requestsFor({ "cache-control": "max-age=600", age: "598" }), 1);
    assert.equal(await requestsFor({ "cache-control": "max-age=600", age: "599" }), 2);
  });
});
