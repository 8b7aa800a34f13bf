import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import yaml from "js-yaml";
import { join, relative } from "node:path";
import { loadProjectConfig } from "../generator/config.js";
import { FIXTURES, ROOT, SHARED, specgen, tempDir } from "./helpers.js";

const AUTH = "specs/client-server/auth_metadata.yaml";
const FLOW = "specs/client-server/definitions/sso_login_flow.yaml";
const corpus = (file: string) => relative(ROOT, join(SHARED, "corpus/auth-metadata", file));
const PROSE_RULES_ON = (loadProjectConfig(ROOT).overlays[AUTH] ?? []).length > 0;
const lines = (text: string) => text.split("\n").filter((l) => l !== "");
/** What `specgen validate` appends to a problem from action `i` of the project's overlay. */
const cites = (i: number): string => {
  const overlay = yaml.load(readFileSync(join(ROOT, "specs/overlays/auth_metadata.must.yaml"), "utf8")) as {
    actions: Array<{ description: string }>;
  };
  return ` (overlay rule: ${overlay.actions[i]!.description} [specs/overlays/auth_metadata.must.yaml#/actions/${i}])`;
};

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

test("specgen validate: each problem is printed as `file:line:col: pointer message`, and any failure exits 1", () => {
  const bad = corpus("invalid/14-array-items-non-strings.json");
  const missing = corpus("invalid/03-missing-issuer.json");
  const nul = corpus("invalid/02-json-null.json");
  const good = corpus("valid-or-real/okta-org-dockyard-2022.json");
  const r = specgen(["validate", `${AUTH}#getAuthMetadata`, bad, good, missing, nul]);
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

test("specgen validate: the config's overlays apply as in generate; --no-overlays checks the spec as written", () => {
  const vercel = corpus("valid-or-real/vercel-oauth-as.json");
  const withRules = specgen(["validate", `${AUTH}#getAuthMetadata`, vercel]);
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
}, () => {
  const http = corpus("invalid/08-issuer-http-scheme.json");
  const space = corpus("invalid/11-issuer-with-whitespace.json");
  const code = corpus("invalid/15-missing-code-response-type.json");
  const r = specgen(["validate", `${AUTH}#getAuthMetadata`, http, space, code]);
  assert.equal(r.status, 1, r.stderr);
  assert.deepEqual(lines(r.stdout), [
    `${http}:2:13: /issuer must match pattern "^https://[^?#]+$"${cites(0)}`,
    `${space}:2:13: /issuer must match pattern "^https://[^?#]+$"${cites(0)}`,
    `${space}:2:13: /issuer must match format "uri"`,
    `${code}:7:31: /response_types_supported must contain "code"${cites(1)}`,
  ]);
  assert.match(cites(0), /RFC 8414 §2: "The authorization server's issuer identifier/);
});

test("specgen validate: a rule deep in a schema is cited only for the values it applies to", () => {
  const dir = tempDir();
  const schema =
    "{type: object, properties: {list: {type: array, items: {type: object, properties: {id: {type: string}, n: {type: integer}}}}}}";
  writeFileSync(
    join(dir, "api.yaml"),
    `openapi: 3.1.0\ninfo: {title: t, version: "1"}\npaths:\n  /a:\n    get:\n      operationId: getA\n      responses:\n        "200":\n          description: ok\n          content:\n            application/json:\n              schema: ${schema}\n`,
  );
  writeFileSync(
    join(dir, "rules.yaml"),
    `overlay: 1.0.0\ninfo: {title: t, version: "1"}\nactions:\n  - target: $.paths['/a'].get.responses['200'].content['application/json'].schema.properties.list.items.properties.id\n    description: Ids start with x.\n    update: {pattern: "^x"}\n  - target: $.paths['/a'].get.responses['200'].content['application/json'].schema.properties.list\n    update: {minItems: 1}\n`,
  );
  writeFileSync(
    join(dir, "specgen.config.json"),
    JSON.stringify({ specs: ".", overlays: { "api.yaml": ["rules.yaml"] } }),
  );
  writeFileSync(join(dir, "doc.json"), JSON.stringify({ list: [{ id: "xa" }, { id: "b", n: "1" }] }));
  writeFileSync(join(dir, "empty.json"), JSON.stringify({ list: [] }));
  const r = specgen(["validate", "api.yaml#getA", "doc.json", "empty.json"], { cwd: dir });
  assert.equal(r.status, 1, r.stderr);
  assert.deepEqual(lines(r.stdout), [
    'doc.json:1:28: /list/1/id must match pattern "^x" (overlay rule: Ids start with x. [rules.yaml#/actions/0])',
    "doc.json:1:36: /list/1/n must be integer",
    // An action without a description cites nothing.
    "empty.json:1:9: /list must NOT have fewer than 1 items",
  ]);
});

test("specgen validate: a rule in a component is cited wherever the component is used, and never for a look-alike keyword of another", () => {
  const dir = tempDir();
  const item = "{$ref: '#/components/schemas/Item'}";
  writeFileSync(
    join(dir, "api.yaml"),
    `openapi: 3.1.0\ninfo: {title: t, version: "1"}\npaths:\n  /a:\n    get:\n      operationId: getA\n      responses:\n        "200":\n          description: ok\n          content:\n            application/json:\n              schema: {type: object, properties: {list: {type: array, items: ${item}}, one: ${item}, other: {$ref: '#/components/schemas/Other'}}}\n` +
      `components:\n  schemas:\n    Item: {type: object, properties: {id: {type: string}, kids: {type: array, items: ${item}}}}\n    Other: {type: object, properties: {id: {type: string, pattern: "^y"}}}\n`,
  );
  writeFileSync(
    join(dir, "rules.yaml"),
    `overlay: 1.0.0\ninfo: {title: t, version: "1"}\nactions:\n  - target: $.components.schemas.Item.properties.id\n    description: Ids start with x.\n    update: {pattern: "^x"}\n`,
  );
  writeFileSync(
    join(dir, "specgen.config.json"),
    JSON.stringify({ specs: ".", overlays: { "api.yaml": ["rules.yaml"] } }),
  );
  writeFileSync(
    join(dir, "doc.json"),
    JSON.stringify({ list: [{ id: "xa" }, { id: "b", kids: [{ id: "c" }] }], one: { id: "q" }, other: { id: "z" } }),
  );
  const r = specgen(["validate", "api.yaml#getA", "doc.json"], { cwd: dir });
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

test("specgen validate --format github-actions annotates the file; --format json prints the findings", () => {
  const dir = tempDir();
  const odd = join(dir, "a,b:c%.json");
  writeFileSync(odd, '{\n  "id": "x",\n  "name": 1\n}\n');
  const notJson = join(dir, "not.json");
  writeFileSync(notJson, "{");
  const gh = specgen(["validate", "-f", "github-actions", `${FLOW}#IdentityProvider`, odd, notJson]);
  assert.equal(gh.status, 1, gh.stderr);
  const file = (f: string) => f.replace(/%/g, "%25").replace(/:/g, "%3A").replace(/,/g, "%2C");
  assert.deepEqual(lines(gh.stdout), [
    `::error file=${file(odd)},line=3,col=11,title=specgen validate::/name must be string`,
    `::error file=${file(notJson)},line=1,col=2,title=specgen validate::invalid JSON: ${readJsonError("{")}`,
  ]);
  const json = specgen(["validate", "--format", "json", `${FLOW}#IdentityProvider`, odd]);
  assert.equal(json.status, 1, json.stderr);
  assert.deepEqual(JSON.parse(json.stdout), [
    { file: odd, line: 3, col: 11, pointer: "/name", message: "must be string" },
  ]);
  const ok = specgen(["validate", "--format", "json", `${FLOW}#IdentityProvider`, corpusIdp(dir)]);
  assert.equal(ok.status, 0, ok.stderr);
  assert.deepEqual(JSON.parse(ok.stdout), []);
  assert.equal(specgen(["validate", "-f", "xml", `${FLOW}#IdentityProvider`, odd]).status, 2);
});

test("specgen validate --format codeframe|stylish|checkstyle prints through lint's formatter", () => {
  const dir = tempDir();
  try {
    const bad = join(dir, "bad.json");
    writeFileSync(bad, '{\n  "id": "x",\n  "name": 1\n}\n');
    const frame = specgen(["validate", "-f", "codeframe", `${FLOW}#IdentityProvider`, bad]);
    assert.equal(frame.status, 1, frame.stderr);
    assert.match(frame.stderr, /bad\.json:3:11/);
    assert.match(frame.stderr, /\/name must be string/);
    assert.match(frame.stderr, /3 \| {3}"name": 1/);
    assert.match(frame.stderr, /generated by the specgen\/validate rule/);
    const stylish = specgen(["validate", "-f", "stylish", `${FLOW}#IdentityProvider`, bad]);
    assert.equal(stylish.status, 1, stylish.stderr);
    assert.match(stylish.stderr, /3:11\s+error\s+specgen\/validate\s+\/name must be string/);
    const style = specgen(["validate", "-f", "checkstyle", `${FLOW}#IdentityProvider`, bad, corpusIdp(dir)]);
    assert.equal(style.status, 1, style.stderr);
    assert.match(style.stdout, /^<\?xml/);
    const error =
      '<error line="3" column="11" severity="error" message="/name must be string" source="specgen/validate" />';
    assert.ok(style.stdout.includes(error), style.stdout);
    assert.equal(style.stdout.match(/<error /g)?.length, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** V8's message for JSON.parse(text). */
function readJsonError(text: string): string {
  try {
    JSON.parse(text);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error("valid JSON");
}

/** A valid identity provider document in `dir`. */
function corpusIdp(dir: string): string {
  const file = join(dir, "idp.json");
  writeFileSync(file, JSON.stringify({ id: "com.example.idp.github", name: "GitHub" }));
  return file;
}

test("specgen validate: schema names, type names and operationId:status select a validator", () => {
  const dir = tempDir();
  const idp = join(dir, "idp.json");
  writeFileSync(idp, JSON.stringify({ id: "com.example.idp.github", name: "GitHub", brand: "github" }));
  const noName = join(dir, "no-name.json");
  writeFileSync(noName, JSON.stringify({ id: "x" }));
  const r = specgen(["validate", `${FLOW}#IdentityProvider`, idp, noName]);
  assert.equal(r.status, 1, r.stderr);
  assert.deepEqual(lines(r.stdout), [`${noName}:1:1: /name is required`]);
  assert.equal(specgen(["validate", `${FLOW}#SsoLoginFlow`, idp]).status, 1, "an IdP is not a login flow");
  const okta = corpus("valid-or-real/okta-custom-as-2026.json");
  assert.equal(specgen(["validate", `${AUTH}#GetAuthMetadataResponse`, okta]).status, 0);
  assert.equal(specgen(["validate", `${AUTH}#getAuthMetadata:200`, okta]).status, 0);
  // A response defined in components/responses, selected by status.
  const shared = relative(ROOT, join(FIXTURES, "validators/shared.yaml"));
  const notFound = join(dir, "not-found.json");
  writeFileSync(notFound, JSON.stringify({ errcode: "M_NOT_FOUND" }));
  assert.equal(specgen(["validate", `${shared}#getThing:404`, notFound]).status, 0);
  const deep = join(dir, "deep.json");
  writeFileSync(deep, `${'{"name": "n", "children": ['.repeat(10_000)}{"name": "leaf"}${"]}".repeat(10_000)}`);
  const tree = specgen(["validate", `${shared}#getTree`, deep]);
  assert.equal(tree.status, 1, tree.stderr);
  // Too deep for the locator's parser as well: the problem is printed without a line and column.
  assert.equal(tree.stdout, `${deep}: (root) is nested too deeply to validate\n`);
  const thing = specgen(["validate", `${shared}#getThing`, notFound]);
  assert.equal(thing.status, 1);
  assert.match(thing.stdout, /not-found\.json:1:1: \/id is required\n/);
});

test("specgen validate: usage errors exit 2 and say what is available", () => {
  const okta = corpus("valid-or-real/okta-custom-as-2026.json");
  const unknown = specgen(["validate", `${AUTH}#getAuthMetadatas`, okta]);
  assert.equal(unknown.status, 2);
  assert.match(
    unknown.stderr,
    /no operation or schema named "getAuthMetadatas" in auth_metadata\.yaml; available: getAuthMetadata \(200\)/,
  );
  const schema = specgen(["validate", `${FLOW}#IdP`, okta]);
  assert.equal(schema.status, 2);
  assert.match(schema.stderr, /available: SsoLoginFlow, IdentityProvider/);
  const status = specgen(["validate", `${AUTH}#getAuthMetadata:404`, okta]);
  assert.equal(status.status, 2);
  assert.match(status.stderr, /operation getAuthMetadata has no 404 JSON response \(JSON bodies: 200\)/);
  for (const args of [
    [AUTH, okta],
    [`${AUTH}#`, okta],
    [`${AUTH}#getAuthMetadata`],
    ["specs/nope.yaml#getAuthMetadata", okta],
    [],
  ]) {
    const r = specgen(["validate", ...args]);
    assert.equal(r.status, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.notEqual(r.stderr, "");
  }
  const unreadable = specgen(["validate", `${AUTH}#getAuthMetadata`, "no-such-file.json"]);
  assert.equal(unreadable.status, 2);
  assert.match(unreadable.stderr, /no-such-file\.json: cannot read: ENOENT/);
});

test("specgen validate: JSON is read safely: a UTF-8 BOM is tolerated, invalid JSON or UTF-8 is named", () => {
  const dir = tempDir();
  const bom = join(dir, "bom.json");
  writeFileSync(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"type": "m.login.sso"}')]));
  const broken = join(dir, "broken.json");
  writeFileSync(broken, '{"type": "m.login.sso",');
  const latin1 = join(dir, "latin1.json");
  writeFileSync(latin1, Buffer.from([0x7b, 0x22, 0x74, 0xe9, 0x22, 0x3a, 0x31, 0x7d]));
  const proto = join(dir, "proto.json");
  writeFileSync(proto, '{"__proto__": {"type": "m.login.sso"}}');
  const quoted = join(dir, "quoted.json");
  writeFileSync(quoted, '{\n  "a": 1,\n  "b": }\n');
  const r = specgen(["validate", `${FLOW}#SsoLoginFlow`, bom, broken, latin1, proto, quoted]);
  assert.equal(r.status, 1, r.stderr);
  const out = lines(r.stdout);
  assert.equal(out.length, 4, r.stdout);
  // V8 quotes the text around the error, line breaks included: still one line per problem.
  assert.match(out[3]!, /^.*quoted\.json: invalid JSON: .*"b": \} /);
  // V8 names the offset here, shown as line and column (the end of the text).
  assert.match(out[0]!, /^.*broken\.json:1:24: invalid JSON: /);
  assert.match(out[1]!, /^.*latin1\.json: not valid UTF-8 text$/);
  assert.equal(out[2], `${proto}:1:1: /type is required`);
  assert.match(r.stderr, /1 of 5 file\(s\) valid/);
});

test("the built bin runs as a program (what `npx specgen validate …` executes)", () => {
  // The build recreates dist/, so it sets the bin's mode itself (npm does so only on install).
  // Not run through npx here: in a fresh clone npx first runs the `prepare` script, rebuilding
  // dist/ under the tests running beside this one.
  const file = corpus("invalid/10-issuer-with-fragment.json");
  const r = spawnSync(join(ROOT, "dist/generator/cli.js"), ["validate", `${AUTH}#getAuthMetadata`, file], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  assert.equal(r.error, undefined);
  assert.equal(r.status, 1, r.stderr);
  assert.equal(
    r.stdout,
    `${file}:2:13: /issuer must match pattern "^https://[^?#]+$"${PROSE_RULES_ON ? cites(0) : ""}\n`,
  );
});

test("specgen validate - reads the document from standard input (curl … | specgen validate spec#op -)", () => {
  const run = (input: string, ...files: string[]) =>
    spawnSync(
      process.execPath,
      [join(ROOT, "dist/generator/cli.js"), "validate", `${AUTH}#getAuthMetadata`, ...files],
      { cwd: ROOT, input, encoding: "utf8" },
    );
  const good = run(readFileSync(join(ROOT, corpus("valid-or-real/ruma-test-fixture.json")), "utf8"), "-");
  assert.equal(good.status, 0, good.stderr);
  assert.match(good.stderr, /1 of 1 file\(s\) valid/);
  const bad = run(readFileSync(join(ROOT, corpus("invalid/03-missing-issuer.json")), "utf8"), "-");
  assert.equal(bad.status, 1, bad.stderr);
  assert.match(bad.stdout, /^<stdin>:1:1: \/issuer is required$/m);
  const twice = run("{}", "-", "-");
  assert.equal(twice.status, 2);
  assert.match(twice.stderr, /standard input \(-\) can be read only once/);
});

test("specgen validate fetches an http(s) URL: a server operator checks a live discovery document", async () => {
  const { createServer } = await import("node:http");
  const { execFile } = await import("node:child_process");
  const good = readFileSync(join(ROOT, corpus("valid-or-real/ruma-test-fixture.json")));
  const bad = readFileSync(join(ROOT, corpus("invalid/03-missing-issuer.json")));
  const server = createServer((req, res) => {
    // An answer cut off in the middle of its body.
    if (req.url === "/cut")
      return void res
        .writeHead(200, { "content-type": "application/json", "content-length": "100" })
        .write('{"issuer":', () => res.destroy());
    if (req.url === "/no-oauth") {
      const body = '{"errcode":"M_UNRECOGNIZED","error":"Unrecognized request"}';
      return void res.writeHead(404, { "content-type": "application/json" }).end(body);
    }
    if (req.url === "/html503") {
      return void res.writeHead(503, { "content-type": "text/html" }).end("<html><h1>Oops</h1></html>");
    }
    const body = req.url === "/good" ? good : req.url === "/bad" ? bad : undefined;
    res.writeHead(body ? 200 : 404, { "content-type": "application/json" }).end(body ?? "{}");
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const run = (...files: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((done) =>
      execFile(
        process.execPath,
        [join(ROOT, "dist/generator/cli.js"), "validate", `${AUTH}#getAuthMetadata`, ...files],
        { cwd: ROOT },
        (err, stdout, stderr) => done({ status: err ? (err.code as number) : 0, stdout, stderr }),
      ),
    );
  try {
    const ok = await run(`${base}/good`);
    assert.equal(ok.status, 0, ok.stderr);
    const r = await run(`${base}/good`, `${base}/bad`, `${base}/nowhere`);
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(r.stdout.trim().split("\n"), [
      `${base}/bad:1:1: /issuer is required`,
      `${base}/nowhere: HTTP 404 Not Found`,
    ]);
    assert.match(r.stderr, /1 of 3 file\(s\) valid/);
    // A Matrix error body is quoted after the status; another body (an HTML page) is not.
    const failed = await run(`${base}/no-oauth`, `${base}/html503`);
    assert.deepEqual(failed.stdout.trim().split("\n"), [
      `${base}/no-oauth: HTTP 404 Not Found: M_UNRECOGNIZED: Unrecognized request`,
      `${base}/html503: HTTP 503 Service Unavailable`,
    ]);
    const json = await run("--format", "json", `${base}/no-oauth`, `${base}/html503`);
    assert.deepEqual(JSON.parse(json.stdout), [
      {
        file: `${base}/no-oauth`,
        message: "HTTP 404 Not Found: M_UNRECOGNIZED: Unrecognized request",
        status: 404,
        errcode: "M_UNRECOGNIZED",
        error: "Unrecognized request",
      },
      { file: `${base}/html503`, message: "HTTP 503 Service Unavailable", status: 503 },
    ]);
    // A port nothing listens on: the finding says why the fetch failed.
    const closed = createServer();
    await new Promise<void>((ok) => closed.listen(0, "127.0.0.1", ok));
    const port = (closed.address() as { port: number }).port;
    await new Promise((ok) => closed.close(ok));
    const down = await run(`http://127.0.0.1:${port}/x`);
    assert.equal(down.status, 1);
    assert.equal(down.stdout.trim(), `http://127.0.0.1:${port}/x: cannot fetch: ECONNREFUSED`);
    const cut = await run(`${base}/cut`);
    assert.equal(cut.status, 1, cut.stderr);
    assert.match(cut.stdout, new RegExp(`^${base}/cut: cannot fetch: \\S`));
  } finally {
    server.close();
  }
});
