import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import yaml from "js-yaml";
import { at, ROOT, SHARED } from "./helpers.js";

const SEEDS = join(SHARED, "seeds");
const spec = (rel: string) => readFileSync(join(ROOT, "specs/client-server", rel), "utf8");
const load = (rel: string) => yaml.load(spec(rel));
/** The keys of the object at `path` under `node`. */
const keys = (node: unknown, ...path: string[]) => Object.keys(at(node, ...path) as object);
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
  assert.equal(at(d, "openapi"), "3.1.0");
  assert.deepEqual(keys(d, "paths"), ["/auth_metadata"]);
  const op = at(d, "paths", "/auth_metadata", "get");
  assert.equal(at(op, "operationId"), "getAuthMetadata");
  assert.deepEqual(at(op, "tags"), ["Session management"]);
  assert.deepEqual(keys(op, "responses"), ["200"]);
  const schema = at(op, "responses", "200", "content", "application/json", "schema");
  assert.deepEqual(at(schema, "required"), [
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
  const types = Object.fromEntries(keys(schema, "properties").map((k) => [k, at(schema, "properties", k, "type")]));
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
  assert.equal(at(schema, "properties", "issuer", "format"), "uri");
  assert.deepEqual(at(schema, "example", "code_challenge_methods_supported"), ["S256"]);
  assert.equal(at(schema, "example", "issuer"), "https://account.example.com/");
  assert.match(at(op, "description") as string, /\{\{% boxes\/note %\}\}\nThe authorization server metadata/);
  assert.equal(at(d, "servers", 0, "url"), "{protocol}://{hostname}{basePath}");
  assert.equal(at(d, "servers", 0, "variables", "basePath", "default"), "/_matrix/client/v1");
  assert.match(spec("auth_metadata.yaml"), /^# Copyright 2025 The Matrix.org Foundation C.I.C.\n/);
});

test("sso_login_redirect.yaml keeps the facts that matter", () => {
  const d = load("sso_login_redirect.yaml");
  assert.deepEqual(keys(d, "paths"), ["/login/sso/redirect", "/login/sso/redirect/{idpId}"]);
  const sso = at(d, "paths", "/login/sso/redirect", "get");
  const idp = at(d, "paths", "/login/sso/redirect/{idpId}", "get");
  assert.equal(at(sso, "operationId"), "redirectToSSO");
  assert.equal(at(idp, "operationId"), "redirectToIdP");
  assert.equal(at(sso, "x-addedInMatrixVersion"), "1.1");
  assert.equal(at(idp, "x-addedInMatrixVersion"), "1.1");
  const params = (op: unknown) =>
    (at(op, "parameters") as unknown[]).map((p) => [
      at(p, "in"),
      at(p, "name"),
      at(p, "required"),
      at(p, "schema", "type"),
    ]);
  assert.deepEqual(params(sso), [["query", "redirectUrl", true, "string"]]);
  assert.deepEqual(params(idp), [
    ["path", "idpId", true, "string"],
    ["query", "redirectUrl", true, "string"],
  ]);
  assert.deepEqual(keys(sso, "responses"), ["302"]);
  assert.deepEqual(keys(idp, "responses"), ["302", "404"]);
  assert.deepEqual(at(idp, "responses", "302", "headers", "Location", "schema"), { type: "string" });
  assert.equal(at(d, "servers", 0, "variables", "basePath", "default"), "/_matrix/client/v3");
  assert.deepEqual(at(d, "servers", 0, "variables", "protocol", "enum"), ["http", "https"]);
});

test("sso_login_flow.yaml is a bare JSON Schema with the m.login.sso facts", () => {
  const d = load("definitions/sso_login_flow.yaml");
  assert.equal(at(d, "openapi"), undefined);
  assert.equal(at(d, "title"), "m.login.sso flow schema");
  assert.deepEqual(at(d, "required"), ["type"]);
  assert.deepEqual(at(d, "properties", "type", "enum"), ["m.login.sso"]);
  const idp = at(d, "properties", "identity_providers", "items");
  assert.equal(at(idp, "title"), "IdP");
  assert.deepEqual(at(idp, "required"), ["id", "name"]);
  assert.deepEqual(keys(idp, "properties"), ["id", "name", "icon", "brand"]);
  for (const p of keys(idp, "properties")) assert.equal(at(idp, "properties", p, "type"), "string");
  assert.deepEqual(at(d, "properties", "identity_providers", "example", 1), {
    id: "com.example.idp.gitlab",
    name: "GitLab",
    icon: "mxc://example.com/abc123",
  });
});
