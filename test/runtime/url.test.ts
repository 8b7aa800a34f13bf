import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { buildUrl, createClient, request, type Operation } from "../../generator/runtime/index.js";
import { limit, serve, type TestServer } from "./helpers.js";

const idpOp: Operation = {
  method: "GET",
  base: "/_matrix/client/v3",
  path: "/login/sso/redirect/{idpId}",
  query: ["redirectUrl"],
  redirect: true,
};

describe("buildUrl", limit, () => {
  it("joins baseUrl (with or without prefix / trailing slash), base and path", () => {
    const op: Operation = { method: "GET", base: "/_matrix/client/v1", path: "/auth_metadata" };
    assert.equal(buildUrl({ baseUrl: "https://hs.example" }, op), "https://hs.example/_matrix/client/v1/auth_metadata");
    assert.equal(
      buildUrl({ baseUrl: "https://hs.example/" }, op),
      "https://hs.example/_matrix/client/v1/auth_metadata",
    );
    assert.equal(
      buildUrl({ baseUrl: "https://hs.example/prefix" }, op),
      "https://hs.example/prefix/_matrix/client/v1/auth_metadata",
    );
    assert.equal(
      buildUrl({ baseUrl: "https://hs.example/prefix//" }, op),
      "https://hs.example/prefix/_matrix/client/v1/auth_metadata",
    );
    assert.equal(buildUrl({ baseUrl: "https://hs.example" }, { method: "GET", path: "/x" }), "https://hs.example/x");
  });

  it("an operation's own `server` (another origin) replaces baseUrl, unless the client's `servers` maps it", () => {
    const op: Operation = {
      method: "GET",
      server: "https://engine.example",
      base: "/api",
      path: "/eval/{id}",
      query: ["q"],
    };
    const url = buildUrl({ baseUrl: "https://main.example/prefix" }, op, { id: "a b", q: 1 });
    assert.equal(url, "https://engine.example/api/eval/a%20b?q=1");
    const servers = { "https://engine.example": "http://localhost:9/x/", "https://main.example": "http://no" };
    assert.equal(
      buildUrl({ baseUrl: "https://main.example", servers }, op, { id: "1" }),
      "http://localhost:9/x/api/eval/1",
    );
    assert.equal(
      buildUrl({ baseUrl: "https://main.example/p", servers }, { method: "GET", path: "/y" }),
      "https://main.example/p/y",
    );
  });

  it("serialises the query form style: arrays repeated, null/undefined omitted, scalars stringified", () => {
    const op: Operation = { method: "GET", path: "/q", query: ["a", "b", "c", "d", "e", "f", "g"] };
    const url = buildUrl({ baseUrl: "http://h" }, op, {
      a: ["x y", "&="],
      b: undefined,
      c: true,
      d: 0,
      e: null,
      f: "",
      g: false,
      extra: "not in query",
    });
    assert.equal(url, "http://h/q?a=x+y&a=%26%3D&c=true&d=0&f=&g=false");
    assert.equal(buildUrl({ baseUrl: "http://h" }, op, {}), "http://h/q");
  });

  it("accepts any absolute URI as redirectUrl and round-trips it", () => {
    const url = buildUrl({ baseUrl: "https://hs.example" }, idpOp, {
      idpId: "oidc-github",
      redirectUrl: "element://vector/webapp/?a=1&b=#x",
    });
    assert.equal(
      url,
      "https://hs.example/_matrix/client/v3/login/sso/redirect/oidc-github" +
        "?redirectUrl=element%3A%2F%2Fvector%2Fwebapp%2F%3Fa%3D1%26b%3D%23x",
    );
    assert.equal(new URL(url).searchParams.get("redirectUrl"), "element://vector/webapp/?a=1&b=#x");
  });

  it("throws TypeError for missing, empty, '.' and '..' path params", () => {
    for (const idpId of [undefined, null, "", ".", ".."])
      assert.throws(
        () => buildUrl({ baseUrl: "http://h" }, idpOp, { idpId, redirectUrl: "x" }),
        TypeError,
        String(idpId),
      );
    assert.throws(() => buildUrl({ baseUrl: "http://h" }, idpOp), /idpId/);
  });

  it("does not let a value containing $ patterns or {placeholders} alter other params", () => {
    const op: Operation = { method: "GET", path: "/{a}/{b}" };
    assert.equal(buildUrl({ baseUrl: "http://h" }, op, { a: "$&{b}$1", b: "x" }), "http://h/%24%26%7Bb%7D%241/x");
  });
});

describe("hostile path params reach the server percent-encoded", limit, () => {
  let srv: TestServer;
  before(async () => {
    srv = await serve((_req, res) => {
      res.writeHead(302, { location: "https://idp.example/auth" });
      res.end();
    });
  });
  after(() => srv.close());

  const hostile = [
    "a/b",
    "../../admin",
    "...",
    "a/../b",
    "?x=1",
    "#frag",
    "%2E%2E",
    "%41",
    "sp ace",
    "ünï😀",
    "a;b,c",
    "+&=",
  ];
  for (const idpId of hostile)
    it(`idpId ${JSON.stringify(idpId)}`, async () => {
      const c = createClient({ baseUrl: `${srv.url}/prefix/` });
      srv.seen.length = 0;
      const r = await request(c, idpOp, { idpId, redirectUrl: "element://vector/webapp/" });
      assert.equal(r.status, 302);
      assert.equal(srv.seen.length, 1);
      const raw = srv.seen[0]!;
      const [path, query] = raw.split("?");
      const prefix = "/prefix/_matrix/client/v3/login/sso/redirect/";
      assert.ok(path!.startsWith(prefix), raw);
      const segment = path!.slice(prefix.length);
      assert.doesNotMatch(segment, /[/?#]/);
      assert.equal(decodeURIComponent(segment), idpId);
      assert.equal(query, "redirectUrl=element%3A%2F%2Fvector%2Fwebapp%2F");
    });

  for (const idpId of [".", ".."])
    it(`idpId ${JSON.stringify(idpId)} is refused before any request`, async () => {
      const c = createClient({ baseUrl: srv.url });
      srv.seen.length = 0;
      await assert.rejects(request(c, idpOp, { idpId, redirectUrl: "x" }), TypeError);
      assert.equal(srv.seen.length, 0);
    });
});
