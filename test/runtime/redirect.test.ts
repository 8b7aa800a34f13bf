import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  HttpError,
  MatrixError,
  createClient,
  request,
  type Operation,
  type RedirectResult,
} from "../../generator/runtime/index.js";
import { limit, reply, serve, type TestServer } from "./helpers.js";

const op: Operation = {
  method: "GET",
  base: "/_matrix/client/v3",
  path: "/login/sso/redirect/{idpId}",
  query: ["redirectUrl"],
  redirect: true,
};

describe("redirect operations", limit, () => {
  let srv: TestServer;
  let followed = 0;
  before(async () => {
    srv = await serve((req, res) => {
      const u = new URL(req.url!, "http://x");
      const idp = decodeURIComponent(u.pathname.split("/").pop()!);
      if (u.pathname.startsWith("/target")) {
        followed++;
        return reply(res, 200, {});
      }
      if (!u.searchParams.has("redirectUrl"))
        return reply(res, 400, { errcode: "M_MISSING_PARAM", error: "Missing redirectUrl" });
      const [status, location] = idp.split("|");
      if (status === "404") return reply(res, 404, { errcode: "M_NOT_FOUND", error: "Unknown IdP" });
      if (status === "400html") return reply(res, 400, "<html>Bad</html>", { "content-type": "text/html" });
      if (status === "200") return reply(res, 200, { ok: true });
      res.writeHead(Number(status), location === undefined ? {} : { location });
      res.end("<a href=x>moved</a>");
    });
  });
  after(() => srv.close());

  const call = (idpId: string, redirectUrl: string | undefined = "element://vector/webapp/", baseUrl = srv.url) =>
    request<RedirectResult<{ location?: string }>>(createClient({ baseUrl }), op, { idpId, redirectUrl });

  it("resolves a relative Location (Synapse) against the request URL for 302", async () => {
    const r = await call("302|../../sso/pick?x=1", undefined, `${srv.url}/prefix`);
    assert.equal(r.status, 302);
    assert.equal(r.location, `${srv.url}/prefix/_matrix/client/v3/login/sso/pick?x=1`);
    assert.equal(r.headers.location, "../../sso/pick?x=1");
    const rooted = await call("302|/target/idp");
    assert.equal(rooted.location, `${srv.url}/target/idp`);
  });

  it("returns an absolute Location as is for 303 (MAS), 301, 307, 308", async () => {
    for (const s of [303, 301, 307, 308]) {
      const r = await call(`${s}|https://auth.example.org/authorize?client_id=a&state=b`);
      assert.equal(r.status, s);
      assert.equal(r.location, "https://auth.example.org/authorize?client_id=a&state=b");
    }
  });

  it("never follows the redirect", async () => {
    followed = 0;
    const r = await call("302|/target/x");
    assert.equal(r.location, `${srv.url}/target/x`);
    assert.equal(followed, 0);
  });

  it("refuses non-http(s) and missing Locations", async () => {
    for (const loc of [
      "javascript:alert(1)",
      "JavaScript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "element://vector/webapp/",
      "http://[bad",
    ]) {
      await assert.rejects(call(`302|${loc}`), (e: unknown) => {
        assert.ok(e instanceof HttpError, String(e));
        assert.equal(e.status, 302);
        assert.equal(e.body, loc);
        assert.match(e.message, /redirect/);
        return true;
      });
    }
    await assert.rejects(
      call("302"),
      (e: unknown) => e instanceof HttpError && e.status === 302 && /redirect/.test(e.message),
    );
  });

  it("turns a 404 Matrix error (unknown IdP) into MatrixError", async () => {
    await assert.rejects(call("404"), (e: unknown) => {
      assert.ok(e instanceof MatrixError);
      assert.equal(e.name, "MatrixError");
      assert.equal(e.status, 404);
      assert.equal(e.errcode, "M_NOT_FOUND");
      assert.equal(e.error, "Unknown IdP");
      return true;
    });
  });

  it("turns a 400 (missing redirectUrl) into MatrixError, a non-JSON 400 into HttpError", async () => {
    await assert.rejects(
      request(createClient({ baseUrl: srv.url }), op, { idpId: "x" }),
      (e: unknown) => e instanceof MatrixError && e.status === 400 && e.errcode === "M_MISSING_PARAM",
    );
    await assert.rejects(
      call("400html"),
      (e: unknown) => e instanceof HttpError && e.status === 400 && e.body === "<html>Bad</html>",
    );
  });

  it("rejects a 2xx answer from a redirect endpoint", async () => {
    await assert.rejects(
      call("200"),
      (e: unknown) => e instanceof HttpError && e.status === 200 && /redirect/.test(e.message),
    );
  });

  it("reports the browser opaqueredirect case as status 0 without location", async () => {
    const fakeFetch = (async () => ({
      type: "opaqueredirect",
      status: 0,
      ok: false,
      url: "",
      body: null,
      headers: new Headers(),
    })) as unknown as typeof fetch;
    const r = await request<RedirectResult>(createClient({ baseUrl: "https://hs.example", fetch: fakeFetch }), op, {
      idpId: "a",
      redirectUrl: "b",
    });
    assert.deepEqual(r, { status: 0, headers: {} });
    assert.equal(r.location, undefined);
  });

  it("asks fetch for redirect: 'manual'", async () => {
    let init: RequestInit | undefined;
    const spy: typeof fetch = (input, i) => {
      init = i;
      return fetch(input, i);
    };
    await request(createClient({ baseUrl: srv.url, fetch: spy }), op, { idpId: "302|/target/y", redirectUrl: "r" });
    assert.equal(init?.redirect, "manual");
  });
});
