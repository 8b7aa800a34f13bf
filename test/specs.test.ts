import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import yaml from "js-yaml";
import { ROOT, SHARED } from "./helpers.js";

const SEEDS = join(SHARED, "seeds");
const spec = (rel: string) => readFileSync(join(ROOT, "specs/client-server", rel), "utf8");
const load = (rel: string) => yaml.load(spec(rel)) as any;
const seed = (prefix: string) => {
  const name = readdirSync(SEEDS).find((f) => f.startsWith(prefix));
  assert.ok(name, `seed ${prefix} present`);
  return readFileSync(join(SEEDS, name), "utf8");
};
// The seeds lost their line breaks and indentation, nothing else: compare without whitespace.
const squash = (s: string) => s.replace(/\s+/g, "");

test("sso_login_redirect.yaml is seed 001 with its structure restored", () => {
  assert.equal(squash(spec("sso_login_redirect.yaml")), squash(seed("001_")));
});

test("definitions/sso_login_flow.yaml is seed 003 with its structure restored", () => {
  assert.equal(squash(spec("definitions/sso_login_flow.yaml")), squash(seed("003_")));
});

test("auth_metadata.yaml is the file added by the MSC2965 commit in seed 000", () => {
  // Seed 000 is a rendered diff: each added line sits between `|` / `||||` separator lines.
  const text = seed("000_");
  const body = text.slice(text.indexOf("@ -0,0 +1,176 @@"));
  const lines = body
    .split("|\n||||\n")
    .slice(1)
    .map((l) => l.replace(/\n$/, ""));
  const added = lines.join("").replace(/Loading…[\s\S]*$/, "");
  // The rendering also collapsed runs of spaces inside the licence header's URL line.
  assert.equal(squash(spec("auth_metadata.yaml")), squash(added));
  assert.equal(spec("auth_metadata.yaml").split("\n").length - 1, 176, "176 lines, as the hunk header says");
});

test("auth_metadata.yaml keeps the facts that matter", () => {
  const d = load("auth_metadata.yaml");
  assert.equal(d.openapi, "3.1.0");
  assert.deepEqual(Object.keys(d.paths), ["/auth_metadata"]);
  const op = d.paths["/auth_metadata"].get;
  assert.equal(op.operationId, "getAuthMetadata");
  assert.deepEqual(op.tags, ["Session management"]);
  assert.deepEqual(Object.keys(op.responses), ["200"]);
  const schema = op.responses["200"].content["application/json"].schema;
  assert.deepEqual(schema.required, [
    "issuer",
    "authorization_endpoint",
    "token_endpoint",
    "revocation_endpoint",
    "registration_endpoint",
    "response_types_supported",
    "grant_types_supported",
    "response_modes_supported",
    "code_challenge_methods_supported",
  ]);
  const types = Object.fromEntries(Object.entries(schema.properties).map(([k, v]: [string, any]) => [k, v.type]));
  assert.deepEqual(types, {
    issuer: "string",
    authorization_endpoint: "string",
    token_endpoint: "string",
    revocation_endpoint: "string",
    registration_endpoint: "string",
    response_types_supported: "array",
    grant_types_supported: "array",
    response_modes_supported: "array",
    code_challenge_methods_supported: "array",
    prompt_values_supported: "array",
  });
  assert.equal(schema.properties.issuer.format, "uri");
  assert.deepEqual(schema.example.code_challenge_methods_supported, ["S256"]);
  assert.equal(schema.example.issuer, "https://account.example.com/");
  assert.match(op.description, /\{\{% boxes\/note %\}\}\nThe authorization server metadata/);
  assert.equal(d.servers[0].url, "{protocol}://{hostname}{basePath}");
  assert.equal(d.servers[0].variables.basePath.default, "/_matrix/client/v1");
  assert.match(spec("auth_metadata.yaml"), /^# Copyright 2025 The Matrix.org Foundation C.I.C.\n/);
});

test("sso_login_redirect.yaml keeps the facts that matter", () => {
  const d = load("sso_login_redirect.yaml");
  assert.deepEqual(Object.keys(d.paths), ["/login/sso/redirect", "/login/sso/redirect/{idpId}"]);
  const sso = d.paths["/login/sso/redirect"].get;
  const idp = d.paths["/login/sso/redirect/{idpId}"].get;
  assert.equal(sso.operationId, "redirectToSSO");
  assert.equal(idp.operationId, "redirectToIdP");
  assert.equal(sso["x-addedInMatrixVersion"], "1.1");
  assert.equal(idp["x-addedInMatrixVersion"], "1.1");
  assert.deepEqual(
    sso.parameters.map((p: any) => [p.in, p.name, p.required, p.schema.type]),
    [["query", "redirectUrl", true, "string"]],
  );
  assert.deepEqual(
    idp.parameters.map((p: any) => [p.in, p.name, p.required, p.schema.type]),
    [
      ["path", "idpId", true, "string"],
      ["query", "redirectUrl", true, "string"],
    ],
  );
  assert.deepEqual(Object.keys(sso.responses), ["302"]);
  assert.deepEqual(Object.keys(idp.responses), ["302", "404"]);
  assert.deepEqual(idp.responses["302"].headers.Location.schema, { type: "string" });
  assert.equal(d.servers[0].variables.basePath.default, "/_matrix/client/v3");
  assert.deepEqual(d.servers[0].variables.protocol.enum, ["http", "https"]);
});

test("sso_login_flow.yaml is a bare JSON Schema with the m.login.sso facts", () => {
  const d = load("definitions/sso_login_flow.yaml");
  assert.equal(d.openapi, undefined);
  assert.equal(d.title, "m.login.sso flow schema");
  assert.deepEqual(d.required, ["type"]);
  assert.deepEqual(d.properties.type.enum, ["m.login.sso"]);
  const idp = d.properties.identity_providers.items;
  assert.equal(idp.title, "IdP");
  assert.deepEqual(idp.required, ["id", "name"]);
  assert.deepEqual(Object.keys(idp.properties), ["id", "name", "icon", "brand"]);
  for (const p of Object.values(idp.properties) as any[]) assert.equal(p.type, "string");
  assert.deepEqual(d.properties.identity_providers.example[1], {
    id: "com.example.idp.gitlab",
    name: "GitLab",
    icon: "mxc://example.com/abc123",
  });
});
