import assert from "node:assert/strict";
import type { IncomingMessage, ServerResponse } from "node:http";
import { after, before, beforeEach, describe, it } from "node:test";
import {
  MatrixError,
  ResponseValidationError,
  createClient,
  createMemoryCache,
  request,
  type CacheEntry,
  type Operation,
  type Result,
} from "../../generator/runtime/index.js";
import { limit, reply, serve, type TestServer } from "./helpers.js";

const op: Operation = { method: "GET", base: "/_matrix/client/v1", path: "/auth_metadata", cache: true };
const SYNAPSE = "public, max-age=600, s-maxage=3600, stale-while-revalidate=600";

describe("discovery caching", limit, () => {
  let srv: TestServer;
  let handle: (req: IncomingMessage, res: ServerResponse) => void;
  let t: number;
  const now = () => t;
  before(async () => {
    srv = await serve((req, res) => handle(req, res));
  });
  after(() => srv.close());
  beforeEach(() => {
    t = 1_700_000_000_000;
    srv.seen.length = 0;
    srv.heads.length = 0;
  });
  const client = (extra = {}) => createClient({ baseUrl: srv.url, now, ...extra });
  const get = (c: ReturnType<typeof client>) => request<Result<{ v: number }>>(c, op);

  it("serves fresh hits without calling fetch (Synapse headers, s-maxage ignored)", async () => {
    handle = (_q, res) => reply(res, 200, { v: 1 }, { "cache-control": SYNAPSE });
    let calls = 0;
    const counted: typeof fetch = (...a) => {
      calls++;
      return fetch(...a);
    };
    const c = client({ fetch: counted });
    assert.deepEqual((await get(c)).data, { v: 1 });
    t += 599_000;
    const hit = await get(c);
    assert.deepEqual(hit.data, { v: 1 });
    assert.equal(hit.status, 200);
    assert.equal(hit.headers["cache-control"], SYNAPSE);
    assert.equal(calls, 1);
    assert.equal(srv.seen.length, 1);
    t += 2_000; // 601 s: stale although s-maxage=3600
    await get(c);
    assert.equal(calls, 2);
  });

  it("revalidates after max-age with If-None-Match and reuses the body on 304", async () => {
    handle = (req, res) => {
      if (req.headers["if-none-match"] === '"e1"') {
        res.writeHead(304, { etag: '"e1"', "cache-control": "max-age=120" });
        return res.end();
      }
      reply(res, 200, { v: 1 }, { etag: '"e1"', "cache-control": "max-age=60" });
    };
    const c = client();
    await get(c);
    assert.equal(srv.heads[0]!["if-none-match"], undefined);
    t += 61_000;
    const r = await get(c);
    assert.equal(srv.seen.length, 2);
    assert.equal(srv.heads[1]!["if-none-match"], '"e1"');
    assert.equal(r.status, 200);
    assert.deepEqual(r.data, { v: 1 });
    assert.equal(r.headers["cache-control"], "max-age=120");
    assert.equal(r.headers["content-type"], "application/json");
    // freshness refreshed from the 304's headers (120 s from now)
    t += 119_000;
    await get(c);
    assert.equal(srv.seen.length, 2);
    t += 2_000;
    await get(c);
    assert.equal(srv.seen.length, 3);
  });

  it("revalidates with If-Modified-Since and replaces the entry on a 200", async () => {
    const lm = "Wed, 01 Jan 2025 00:00:00 GMT";
    let v = 1;
    handle = (req, res) => {
      if (req.headers["if-modified-since"] === lm && v === 1) {
        res.writeHead(304);
        return res.end();
      }
      reply(res, 200, { v }, { "last-modified": lm, "cache-control": "max-age=10" });
    };
    const c = client();
    await get(c);
    t += 11_000;
    assert.deepEqual((await get(c)).data, { v: 1 });
    assert.equal(srv.heads[1]!["if-modified-since"], lm);
    v = 2;
    t += 11_000;
    assert.deepEqual((await get(c)).data, { v: 2 });
    assert.deepEqual((await get(c)).data, { v: 2 }); // fresh again
    assert.equal(srv.seen.length, 3);
  });

  it("never stores no-store responses", async () => {
    handle = (_q, res) => reply(res, 200, { v: 1 }, { "cache-control": "no-store, max-age=600", etag: '"x"' });
    const cache = createMemoryCache();
    const c = client({ cache });
    await get(c);
    await get(c);
    assert.equal(srv.seen.length, 2);
    assert.equal(srv.heads[1]!["if-none-match"], undefined);
    assert.equal(await cache.get(`${srv.url}/_matrix/client/v1/auth_metadata`), undefined);
  });

  it("stores no-cache responses but always revalidates", async () => {
    handle = (req, res) => {
      if (req.headers["if-none-match"]) {
        res.writeHead(304, { etag: '"n"' });
        return res.end();
      }
      reply(res, 200, { v: 1 }, { "cache-control": "No-Cache, max-age=600", etag: '"n"' });
    };
    const c = client();
    await get(c);
    assert.deepEqual((await get(c)).data, { v: 1 });
    assert.equal(srv.seen.length, 2);
    assert.equal(srv.heads[1]!["if-none-match"], '"n"');
  });

  it("subtracts Age and treats no max-age as stale", async () => {
    handle = (_q, res) => reply(res, 200, { v: 1 }, { "cache-control": "max-age=600", age: "590" });
    const c = client();
    await get(c);
    t += 9_000;
    await get(c);
    assert.equal(srv.seen.length, 1);
    t += 2_000;
    await get(c);
    assert.equal(srv.seen.length, 2);

    handle = (_q, res) => reply(res, 200, { v: 1 }, { "cache-control": "public, s-maxage=3600" });
    const c2 = client();
    await get(c2);
    await get(c2);
    assert.equal(srv.seen.length, 4);
  });

  it("shares one cache between two clients", async () => {
    handle = (_q, res) => reply(res, 200, { v: 1 }, { "cache-control": SYNAPSE });
    const cache = createMemoryCache();
    await get(client({ cache }));
    assert.deepEqual((await get(client({ cache, headers: { "x-other": "1" } }))).data, { v: 1 });
    assert.equal(srv.seen.length, 1);
    // ...but not between clients with their own default caches
    await get(client());
    assert.equal(srv.seen.length, 2);
  });

  it("supports async caches and cache: false", async () => {
    handle = (_q, res) => reply(res, 200, { v: 1 }, { "cache-control": SYNAPSE });
    const store = new Map<string, CacheEntry>();
    const cache = {
      get: async (k: string) => store.get(k),
      set: async (k: string, e: CacheEntry) => void store.set(k, e),
    };
    await get(client({ cache }));
    await get(client({ cache }));
    assert.equal(srv.seen.length, 1);
    assert.equal(store.get(`${srv.url}/_matrix/client/v1/auth_metadata`)?.expires, t + 600_000);
    const off = client({ cache: false });
    await get(off);
    await get(off);
    assert.equal(srv.seen.length, 3);
  });

  it("does not cache operations without cache: true, nor errors", async () => {
    handle = (_q, res) => reply(res, 200, { v: 1 }, { "cache-control": SYNAPSE });
    const c = client();
    await request(c, { ...op, cache: false });
    await request(c, { ...op, cache: false });
    assert.equal(srv.seen.length, 2);
    handle = (_q, res) => reply(res, 404, { errcode: "M_UNRECOGNIZED", error: "no" }, { "cache-control": SYNAPSE });
    await assert.rejects(get(c), MatrixError);
    await assert.rejects(get(c), MatrixError);
    assert.equal(srv.seen.length, 4);
  });

  it("never stores a 200 whose body fails validation: the next call fetches again", async () => {
    handle = (_q, res) => reply(res, 200, { v: "bad" }, { "cache-control": SYNAPSE });
    const cache = createMemoryCache();
    const errors = [{ instancePath: "/v", message: "must be number" }];
    const isV = Object.assign((x: unknown) => typeof (x as { v: unknown }).v === "number", { errors });
    const c = client({ cache });
    await assert.rejects(request(c, { ...op, validate: { 200: isV } }), ResponseValidationError);
    assert.equal(await cache.get(`${srv.url}/_matrix/client/v1/auth_metadata`), undefined);
    handle = (_q, res) => reply(res, 200, { v: 2 }, { "cache-control": SYNAPSE });
    assert.deepEqual((await request<Result<{ v: number }>>(c, { ...op, validate: { 200: isV } })).data, { v: 2 });
    assert.equal(srv.seen.length, 2);
  });

  it("validates cached data on every use", async () => {
    handle = (_q, res) => reply(res, 200, { v: "bad" }, { "cache-control": SYNAPSE });
    const cache = createMemoryCache();
    const isV = Object.assign((x: unknown) => typeof (x as { v: unknown }).v === "number", {
      errors: [{ instancePath: "/v", message: "must be number" }],
    });
    await request(client({ cache, validate: false }), { ...op, validate: { 200: isV } });
    await assert.rejects(request(client({ cache }), { ...op, validate: { 200: isV } }), ResponseValidationError);
    assert.equal(srv.seen.length, 1);
  });
});
