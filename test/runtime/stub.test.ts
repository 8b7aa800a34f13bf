// End-to-end use of the example generated stub (test/runtime/example-stub.ts).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { HttpError, MatrixError, ResponseValidationError } from "../../generator/runtime/index.js";
import { createClient, getAuthMetadata, redirectToIdP, redirectToIdPUrl } from "./example-stub.js";
import { limit, reply, serve, type TestServer } from "./helpers.js";

describe("example stub", limit, () => {
  let srv: TestServer;
  let meta: unknown = { issuer: "https://auth.example/", authorization_endpoint: "https://auth.example/authorize" };
  before(async () => {
    srv = await serve((req, res) => {
      if (req.url === "/_matrix/client/v1/auth_metadata")
        return reply(res, 200, meta, {
          "cache-control": "public, max-age=600, s-maxage=3600, stale-while-revalidate=600",
        });
      if (req.url?.startsWith("/_matrix/client/v3/login/sso/redirect/unknown"))
        return reply(res, 404, { errcode: "M_NOT_FOUND", error: "Unknown IdP" });
      res.writeHead(302, { location: "/_synapse/client/pick_idp?x=1" });
      res.end();
    });
  });
  after(() => srv.close());

  it("getAuthMetadata: typed, validated, cached", async () => {
    const client = createClient({ baseUrl: srv.url });
    const { data, status } = await getAuthMetadata(client, { signal: AbortSignal.timeout(5000) });
    const issuer: string = data.issuer; // typed by the stub
    assert.equal(issuer, "https://auth.example/");
    assert.equal(status, 200);
    await getAuthMetadata(client);
    assert.equal(srv.seen.length, 1);
    meta = { issuer: 1 };
    await assert.rejects(getAuthMetadata(createClient({ baseUrl: srv.url })), (e: unknown) => {
      assert.ok(e instanceof ResponseValidationError);
      assert.deepEqual(e.errors, [
        { pointer: "/issuer", message: "must be string" },
        { pointer: "/authorization_endpoint", message: "must be string" },
      ]);
      return true;
    });
  });

  it("redirectToIdP and redirectToIdPUrl", async () => {
    const client = createClient({ baseUrl: `${srv.url}/` });
    const params = { idpId: "oidc/github", redirectUrl: "element://vector/webapp/" };
    const url = redirectToIdPUrl(client, params);
    assert.equal(
      url,
      `${srv.url}/_matrix/client/v3/login/sso/redirect/oidc%2Fgithub?redirectUrl=element%3A%2F%2Fvector%2Fwebapp%2F`,
    );
    const r = await redirectToIdP(client, params);
    assert.equal(r.status, 302);
    assert.equal(r.location, `${srv.url}/_synapse/client/pick_idp?x=1`);
    assert.equal(r.headers.location, "/_synapse/client/pick_idp?x=1");
    await assert.rejects(
      redirectToIdP(client, { ...params, idpId: "unknown" }),
      (e: unknown) => e instanceof MatrixError && e.status === 404,
    );
    assert.ok(!(new MatrixError(1, "", "", 0) instanceof HttpError));
  });
});
