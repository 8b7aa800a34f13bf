import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { FIXTURES, ROOT, specgen, tempDir } from "./helpers.js";
import { AUTH, cites, corpus, FLOW, lines, oneOperation, PROSE_RULES_ON, validateHere } from "./validate-helpers.js";

/** Where an overlay finds the response schema's properties in a spec made by `oneOperation`. */
const PROPERTIES = "$.paths['/a'].get.responses['200'].content['application/json'].schema.properties";

// `specgen validate` on files: which validator a selector picks, each problem at its file, line and
// column, overlay rules cited where they apply, usage errors. Formats and inputs: validate-io.test.ts.
// Most runs go through the library in this process (validateHere: same exit code and output); the
// program itself is run where the command line is what is tested.

test("specgen validate: files that pass exit 0 with nothing on stdout", () => {
  const r = specgen([
    "validate",
    `${AUTH}#getAuthMetadata`,
    corpus("valid-or-real/ruma-test-fixture.json"),
    corpus("valid-or-real/matrix-spec-v1.19-example.json"),
  ]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, "");
  assert.match(r.stderr, /2 of 2 file\(s\) valid against GetAuthMetadataResponse/);
});

test("specgen validate: each problem printed as `file:line:col: pointer message`; any failure exits 1", async () => {
  const bad = corpus("invalid/14-array-items-non-strings.json");
  const missing = corpus("invalid/03-missing-issuer.json");
  const nul = corpus("invalid/02-json-null.json");
  const good = corpus("valid-or-real/okta-org-dockyard-2022.json");
  const r = await validateHere(["validate", `${AUTH}#getAuthMetadata`, bad, good, missing, nul]);
  assert.equal(r.status, 1, r.stderr);
  assert.deepEqual(lines(r.stdout), [
    `${bad}:9:5: /response_types_supported/1 must be string`,
    `${bad}:10:5: /response_types_supported/2 must be string`,
    `${bad}:11:5: /response_types_supported/3 must be string`,
    `${bad}:25:5: /code_challenge_methods_supported/1 must be string`,
    // A missing member is located at the object that lacks it.
    `${missing}:1:1: /issuer is required`,
    `${nul}:1:1: (root) must be object`,
  ]);
  assert.match(r.stderr, /1 of 4 file\(s\) valid/);
});

test("specgen validate: overlays apply as in generate; --no-overlays checks the spec as written", async () => {
  const vercel = corpus("valid-or-real/vercel-oauth-as.json");
  const withRules = await validateHere(["validate", `${AUTH}#getAuthMetadata`, vercel]);
  const asWritten = specgen(["validate", "--no-overlays", `${AUTH}#getAuthMetadata`, vercel]);
  assert.equal(asWritten.status, 0, asWritten.stdout + asWritten.stderr);
  if (PROSE_RULES_ON) {
    assert.equal(withRules.status, 1);
    assert.deepEqual(lines(withRules.stdout), [
      `${vercel}:10:31: /response_modes_supported must contain "query"${cites(3)}`,
      `${vercel}:10:31: /response_modes_supported must contain "fragment"${cites(3)}`,
    ]);
  } else assert.equal(withRules.status, 0);
});

test("specgen validate: a problem from an overlay's rule quotes the rule and names the action; other problems do not", {
  skip: !PROSE_RULES_ON,
}, async () => {
  const http = corpus("invalid/08-issuer-http-scheme.json");
  const space = corpus("invalid/11-issuer-with-whitespace.json");
  const code = corpus("invalid/15-missing-code-response-type.json");
  const r = await validateHere(["validate", `${AUTH}#getAuthMetadata`, http, space, code]);
  assert.equal(r.status, 1, r.stderr);
  assert.deepEqual(lines(r.stdout), [
    `${http}:2:13: /issuer must match pattern "^https://[^?#]+$"${cites(0)}`,
    `${space}:2:13: /issuer must match pattern "^https://[^?#]+$"${cites(0)}`,
    `${space}:2:13: /issuer must match format "uri"`,
    `${code}:7:31: /response_types_supported must contain "code"${cites(1)}`,
  ]);
  assert.match(cites(0), /RFC 8414 §2: "The authorization server's issuer identifier/);
});

test("specgen validate: a rule deep in a schema is cited only for the values it applies to", async () => {
  const dir = tempDir();
  const schema =
    "{type: object, properties: {list: {type: array, items: " +
    "{type: object, properties: {id: {type: string}, n: {type: integer}}}}}}";
  writeFileSync(join(dir, "api.yaml"), oneOperation(schema));
  writeFileSync(
    join(dir, "rules.yaml"),
    [
      "overlay: 1.0.0",
      'info: {title: t, version: "1"}',
      "actions:",
      `  - target: ${PROPERTIES}.list.items.properties.id`,
      "    description: Ids start with x.",
      '    update: {pattern: "^x"}',
      `  - target: ${PROPERTIES}.list`,
      "    update: {minItems: 1}",
      "",
    ].join("\n"),
  );
  writeFileSync(
    join(dir, "specgen.config.json"),
    JSON.stringify({ specs: ".", overlays: { "api.yaml": ["rules.yaml"] } }),
  );
  writeFileSync(join(dir, "doc.json"), JSON.stringify({ list: [{ id: "xa" }, { id: "b", n: "1" }] }));
  writeFileSync(join(dir, "empty.json"), JSON.stringify({ list: [] }));
  const r = await validateHere(["validate", "api.yaml#getA", "doc.json", "empty.json"], { cwd: dir });
  assert.equal(r.status, 1, r.stderr);
  assert.deepEqual(lines(r.stdout), [
    'doc.json:1:28: /list/1/id must match pattern "^x" (overlay rule: Ids start with x. [rules.yaml#/actions/0])',
    "doc.json:1:36: /list/1/n must be integer",
    // An action without a description cites nothing.
    "empty.json:1:9: /list must NOT have fewer than 1 items",
  ]);
});

test("specgen validate: a component's rule is cited wherever it is used, never for a look-alike keyword", async () => {
  const dir = tempDir();
  const item = "{$ref: '#/components/schemas/Item'}";
  writeFileSync(
    join(dir, "api.yaml"),
    oneOperation(
      `{type: object, properties: {list: {type: array, items: ${item}}, one: ${item}, ` +
        "other: {$ref: '#/components/schemas/Other'}}}",
      [
        "components:",
        "  schemas:",
        `    Item: {type: object, properties: {id: {type: string}, kids: {type: array, items: ${item}}}}`,
        '    Other: {type: object, properties: {id: {type: string, pattern: "^y"}}}',
        "",
      ].join("\n"),
    ),
  );
  writeFileSync(
    join(dir, "rules.yaml"),
    [
      "overlay: 1.0.0",
      'info: {title: t, version: "1"}',
      "actions:",
      "  - target: $.components.schemas.Item.properties.id",
      "    description: Ids start with x.",
      '    update: {pattern: "^x"}',
      "",
    ].join("\n"),
  );
  writeFileSync(
    join(dir, "specgen.config.json"),
    JSON.stringify({ specs: ".", overlays: { "api.yaml": ["rules.yaml"] } }),
  );
  writeFileSync(
    join(dir, "doc.json"),
    JSON.stringify({ list: [{ id: "xa" }, { id: "b", kids: [{ id: "c" }] }], one: { id: "q" }, other: { id: "z" } }),
  );
  const r = await validateHere(["validate", "api.yaml#getA", "doc.json"], { cwd: dir });
  assert.equal(r.status, 1, r.stderr);
  const cite = " (overlay rule: Ids start with x. [rules.yaml#/actions/0])";
  assert.deepEqual(lines(r.stdout), [
    `doc.json:1:28: /list/1/id must match pattern "^x"${cite}`,
    // Item's function, called through Item's own $ref, two levels down.
    `doc.json:1:46: /list/1/kids/0/id must match pattern "^x"${cite}`,
    `doc.json:1:66: /one/id must match pattern "^x"${cite}`,
    // Other's spec-given pattern fails at the same schema path, "#/properties/id/pattern".
    'doc.json:1:85: /other/id must match pattern "^y"',
  ]);
});
test("specgen validate: schema names, type names and operationId:status select a validator", async () => {
  const dir = tempDir();
  const idp = join(dir, "idp.json");
  writeFileSync(idp, JSON.stringify({ id: "com.example.idp.github", name: "GitHub", brand: "github" }));
  const noName = join(dir, "no-name.json");
  writeFileSync(noName, JSON.stringify({ id: "x" }));
  const r = await validateHere(["validate", `${FLOW}#IdentityProvider`, idp, noName]);
  assert.equal(r.status, 1, r.stderr);
  assert.deepEqual(lines(r.stdout), [`${noName}:1:1: /name is required`]);
  assert.equal((await validateHere(["validate", `${FLOW}#SsoLoginFlow`, idp])).status, 1, "an IdP is not a login flow");
  const okta = corpus("valid-or-real/okta-custom-as-2026.json");
  assert.equal((await validateHere(["validate", `${AUTH}#GetAuthMetadataResponse`, okta])).status, 0);
  assert.equal((await validateHere(["validate", `${AUTH}#getAuthMetadata:200`, okta])).status, 0);
  // A response defined in components/responses, selected by status.
  const shared = relative(ROOT, join(FIXTURES, "validators/shared.yaml"));
  const notFound = join(dir, "not-found.json");
  writeFileSync(notFound, JSON.stringify({ errcode: "M_NOT_FOUND" }));
  assert.equal((await validateHere(["validate", `${shared}#getThing:404`, notFound])).status, 0);
  const deep = join(dir, "deep.json");
  writeFileSync(deep, `${'{"name": "n", "children": ['.repeat(10_000)}{"name": "leaf"}${"]}".repeat(10_000)}`);
  const tree = await validateHere(["validate", `${shared}#getTree`, deep]);
  assert.equal(tree.status, 1, tree.stderr);
  // Too deep for the locator's parser as well: the problem is printed without a line and column.
  assert.equal(tree.stdout, `${deep}: (root) is nested too deeply to validate\n`);
  const thing = await validateHere(["validate", `${shared}#getThing`, notFound]);
  assert.equal(thing.status, 1);
  assert.match(thing.stdout, /not-found\.json:1:1: \/id is required\n/);
});

test("specgen validate: usage errors exit 2 and say what is available", async () => {
  const okta = corpus("valid-or-real/okta-custom-as-2026.json");
  const unknown = await validateHere(["validate", `${AUTH}#getAuthMetadatas`, okta]);
  assert.equal(unknown.status, 2);
  assert.match(
    unknown.stderr,
    /no operation or schema named "getAuthMetadatas" in auth_metadata\.yaml; available: getAuthMetadata \(200\)/,
  );
  const schema = await validateHere(["validate", `${FLOW}#IdP`, okta]);
  assert.equal(schema.status, 2);
  assert.match(schema.stderr, /available: SsoLoginFlow, IdentityProvider/);
  const status = await validateHere(["validate", `${AUTH}#getAuthMetadata:404`, okta]);
  assert.equal(status.status, 2);
  assert.match(status.stderr, /operation getAuthMetadata has no 404 JSON response \(JSON bodies: 200\)/);
  for (const args of [
    [AUTH, okta],
    [`${AUTH}#`, okta],
    ["specs/nope.yaml#getAuthMetadata", okta],
  ]) {
    const r = await validateHere(["validate", ...args]);
    assert.equal(r.status, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.notEqual(r.stderr, "");
  }
  // Command lines the program's parser refuses before anything is read.
  for (const args of [[`${AUTH}#getAuthMetadata`], []]) {
    const r = specgen(["validate", ...args]);
    assert.equal(r.status, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.notEqual(r.stderr, "");
  }
  const unreadable = await validateHere(["validate", `${AUTH}#getAuthMetadata`, "no-such-file.json"]);
  assert.equal(unreadable.status, 2);
  assert.match(unreadable.stderr, /no-such-file\.json: cannot read: ENOENT/);
});
