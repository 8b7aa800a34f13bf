// Request hooks (withHooks): a fresh access token per request, one retry on 401, and a cache
// that sees the hooks' token.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  HttpError,
  createClient,
  createMemoryCache,
  prepareRequest,
  request,
  withHooks,
  type Operation,
} from "../../generator/runtime/index.js";
import { limit, reply, serve, type TestServer } from "./helpers.js";

describe("withHooks", limit, () => {
  let srv: TestServer;
  const bodies: string[] = [];
  before(async () => {
    srv = await serve((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        bodies.push(body);
        if (req.url === "/cached") return reply(res, 200, { n: srv.seen.length }, { "cache-control": "max-age=600" });
        const auth = req.headers.authorization ?? "";
        if (auth.endsWith("stale")) return reply(res, 401, { message: "expired" });
        reply(res, 200, { auth });
      });
    });
  });
  after(() => srv.close());
  const get: Operation = { method: "GET", path: "/me" };

  it("onRequest sets a fresh token on every request", async () => {
    let n = 0;
    const fetch = withHooks({ onRequest: async (_url, init) => init.headers.set("authorization", `Bearer t${++n}`) });
    const client = createClient({ baseUrl: srv.url, fetch, headers: { authorization: "Bearer old" } });
    assert.deepEqual((await request(client, get)).data, { auth: "Bearer t1" });
    assert.deepEqual((await request(client, get)).data, { auth: "Bearer t2" });
  });

  it("onResponse retries once on a 401 after refreshing the token, re-sending the body", async () => {
    let token = "stale";
    let refreshes = 0;
    const fetch = withHooks({
      onRequest: (_url, init) => init.headers.set("authorization", `Bearer ${token}`),
      onResponse: async (res, retry) => {
        if (res.status !== 401) return res;
        refreshes++;
        token = "fresh";
        return retry();
      },
    });
    const client = createClient({ baseUrl: srv.url, fetch });
    const post: Operation = {
      method: "POST",
      path: "/me",
      json: true,
      bodyType: "application/json",
      prepare: prepareRequest,
    };
    const seen = srv.seen.length;
    bodies.length = 0;
    const { data } = await request(client, post, {}, { body: { a: 1 } });
    assert.deepEqual(data, { auth: "Bearer fresh" });
    assert.equal(refreshes, 1);
    assert.equal(srv.seen.length - seen, 2);
    assert.deepEqual(bodies, ['{"a":1}', '{"a":1}']);
  });

  it("a retry that fails again is the error of its answer (no loop)", async () => {
    const fetch = withHooks({
      onRequest: (_url, init) => init.headers.set("authorization", "Bearer stale"),
      onResponse: (res, retry) => (res.status === 401 ? retry() : res),
    });
    const seen = srv.seen.length;
    const unauthorized = (e: unknown) => e instanceof HttpError && e.status === 401;
    await assert.rejects(request(createClient({ baseUrl: srv.url, fetch }), get), unauthorized);
    assert.equal(srv.seen.length - seen, 2);
  });

  it("the shared cache sees the token onRequest adds: a private answer is not kept", async () => {
    const cached: Operation = { method: "GET", path: "/cached", cache: true };
    const withToken = withHooks({ onRequest: (_url, init) => init.headers.set("authorization", "Bearer t") });
    const cache = createMemoryCache();
    const before = srv.seen.length;
    await request(createClient({ baseUrl: srv.url, cache, fetch: withToken }), cached);
    await request(createClient({ baseUrl: srv.url, cache }), cached);
    assert.equal(srv.seen.length - before, 2, "the answer to the request with a token was not stored");
    await request(createClient({ baseUrl: srv.url, cache }), cached);
    assert.equal(srv.seen.length - before, 2, "an answer to a request without credentials is");
  });
});
