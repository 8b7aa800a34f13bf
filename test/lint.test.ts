import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { join, relative } from "node:path";
import { CORPUS_CS, ROOT, specgen, tempDir } from "./helpers.js";
import { lint } from "../generator/lint/index.js";

const AUTH = readFileSync(join(ROOT, "specs/client-server/auth_metadata.yaml"), "utf8");

/** A copy of auth_metadata.yaml with one edit, in a fresh folder. */
function brokenCopy(name: string, from: string | RegExp, to: string): string {
  const dir = tempDir();
  const text = AUTH.replace(from, to);
  assert.notEqual(text, AUTH, "the edit applies");
  writeFileSync(join(dir, name), text);
  return join(dir, name);
}
const lineOf = (file: string, needle: string) =>
  readFileSync(file, "utf8")
    .split("\n")
    .findIndex((l) => l.includes(needle)) + 1;

test("specgen lint specs exits 0 on the project's specs", () => {
  const r = specgen(["lint", "specs"]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stderr, /4 file\(s\) linted: 0 error\(s\)/);
});

test("a wrong type is an error with file, line and column, in codeframe and github-actions", () => {
  const file = brokenCopy(
    "wrong-type.yaml",
    "issuer:\n                    type: string",
    "issuer:\n                    type: strin",
  );
  const line = lineOf(file, "type: strin");
  const cf = specgen(["lint", file]);
  assert.equal(cf.status, 1);
  const out = cf.stdout + cf.stderr;
  assert.match(out, new RegExp(`wrong-type\\.yaml:${line}:\\d+`));
  assert.match(out, /struct/);
  assert.match(out, /strin/, "the codeframe shows the offending source line");
  const gh = specgen(["lint", "--format", "github-actions", file]);
  assert.equal(gh.status, 1);
  assert.match(gh.stdout, new RegExp(`^::error title=struct,file=[^,]*wrong-type\\.yaml,line=${line},col=\\d+`, "m"));
});

test("a missing required field is an error naming its place", () => {
  const file = brokenCopy(
    "no-title.yaml",
    / {2}title: Matrix Client-Server OAuth 2.0 Server Metadata Discovery API\n/,
    "",
  );
  const r = specgen(["lint", "-f", "github-actions", file]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /::error title=struct,file=[^,]*no-title\.yaml,line=\d+,col=\d+.*title/);
});

test("an example that breaks its schema is reported by specgen/example-valid at the example", () => {
  const file = brokenCopy(
    "bad-example.yaml",
    '"code_challenge_methods_supported": ["S256"],',
    '"code_challenge_methods_supported": "S256",',
  );
  const r = specgen(["lint", "-f", "github-actions", file]);
  assert.equal(r.status, 1);
  assert.match(
    r.stdout,
    new RegExp(
      String.raw`::error title=specgen\/example-valid,file=[^,]*bad-example\.yaml,line=\d+,col=\d+` +
        '.*code_challenge_methods_supported.*Expected "array"',
    ),
  );
  const missing = brokenCopy("missing.yaml", '"issuer": "https://account.example.com/",\n', "");
  assert.match(specgen(["lint", "-f", "github-actions", missing]).stdout, /required property "issuer"/);
});

test("every output format the CLI offers works", () => {
  const file = brokenCopy(
    "fmt.yaml",
    '"code_challenge_methods_supported": ["S256"],',
    '"code_challenge_methods_supported": 1,',
  );
  const stdout = new Map<string, string>();
  for (const format of ["codeframe", "stylish", "json", "github-actions", "checkstyle"]) {
    const r = specgen(["lint", "-f", format, file]);
    assert.equal(r.status, 1, format);
    assert.match(r.stdout + r.stderr, /example-valid/, format);
    stdout.set(format, r.stdout);
  }
  const json = JSON.parse(stdout.get("json")!);
  assert.equal(json.totals.errors, 1);
});

test("YAML errors, unknown documents, Swagger 2.0 and bad Matrix versions each give one clear problem", async () => {
  const dir = tempDir();
  writeFileSync(join(dir, "syntax.yaml"), "openapi: 3.1.0\ninfo:\n  title: [unclosed\n");
  writeFileSync(join(dir, "notes.yaml"), "hello: world\n");
  writeFileSync(join(dir, "swagger.yaml"), "swagger: '2.0'\ninfo: {title: x, version: '1'}\npaths: {}\n");
  writeFileSync(join(dir, "dup.yaml"), "type: object\ntype: string\n");
  writeFileSync(
    join(dir, "version.yaml"),
    AUTH.replace("version: 1.0.0\npaths:", "version: 1.0.0\nx-addedInMatrixVersion: 1.10\npaths:"),
  );
  const result = await lint([dir]);
  const byFile = Object.fromEntries(result.files.map((f) => [relative(dir, f.path), f.kind]));
  assert.deepEqual(byFile, {
    "dup.yaml": "error",
    "notes.yaml": "unknown",
    "swagger.yaml": "error",
    "syntax.yaml": "error",
    "version.yaml": "openapi",
  });
  const messages = result.problems
    .map((p) => `${relative(dir, p.location[0]!.source.absoluteRef)}: ${p.ruleId}: ${p.message}`)
    .sort();
  assert.equal(messages.length, 5, messages.join("\n"));
  assert.match(messages[0]!, /^dup\.yaml: spec-read: YAML: duplicated mapping key/);
  assert.match(messages[1]!, /^notes\.yaml: document-kind: Neither an OpenAPI document/);
  assert.match(messages[2]!, /^swagger\.yaml: spec-read: Swagger 2\.0 is not supported/);
  assert.match(messages[3]!, /^syntax\.yaml: spec-read: YAML: /);
  assert.match(messages[4]!, /^version\.yaml: specgen\/matrix-version: .*quote it/);
  const r = specgen(["lint", join(dir, "syntax.yaml")]);
  assert.equal(r.status, 1);
  assert.match(r.stdout + r.stderr, /syntax\.yaml:4:1/);
});

test("standalone JSON Schema files are checked against the 2020-12 meta-schema", async () => {
  const dir = tempDir();
  mkdirSync(join(dir, "definitions"));
  cpSync(join(ROOT, "specs/client-server/definitions/sso_login_flow.yaml"), join(dir, "definitions/ok.yaml"));
  writeFileSync(join(dir, "definitions/bad.yaml"), "type: object\nrequired: id\nproperties:\n  id:\n    type: 12\n");
  const result = await lint([dir]);
  assert.deepEqual(
    result.files.map((f) => f.kind),
    ["json-schema", "json-schema"],
  );
  const bad = result.problems.map((p) => `${p.ruleId} ${p.location[0]!.pointer} ${p.message}`);
  assert.ok(
    bad.some((m) => m.startsWith("json-schema-valid #/required ")),
    bad.join("\n"),
  );
  assert.ok(
    bad.some((m) => m.startsWith("json-schema-valid #/properties/id/type ")),
    bad.join("\n"),
  );
  assert.ok(result.problems.every((p) => p.location[0]!.source.absoluteRef.endsWith("bad.yaml")));
});

test("the Matrix client-server corpus lints without a crash; what remains are real corpus defects", async () => {
  const result = await lint([CORPUS_CS]);
  assert.equal(result.files.filter((f) => f.kind === "openapi").length, 72);
  assert.equal(result.files.filter((f) => f.kind === "json-schema").length, 48);
  // definitions/security.yaml holds security schemes, referenced from the API files: a fragment.
  assert.equal(result.files.filter((f) => f.kind === "unknown").length, 1);
  const found = result.problems
    .map((p) => `${relative(CORPUS_CS, p.location[0]!.source.absoluteRef)} ${p.ruleId} ${p.message}`)
    .sort();
  assert.deepEqual(found, [
    // Matrix declares these two paths with a trailing slash (servers accept both forms).
    "pushrules.yaml no-path-trailing-slash `/pushrules/` should not have a trailing slash.",
    "pushrules.yaml no-path-trailing-slash `/pushrules/global/` should not have a trailing slash.",
    // The `gitter` protocol example has no `icon`, which the protocol schema requires.
    "third_party_lookup.yaml specgen/example-valid Example does not match its schema at `/gitter`: " +
      'Instance does not have required property "icon".',
  ]);
});

test("an example is checked against a pattern only plain mode compiles, read as the validators read it", async () => {
  const dir = tempDir();
  const file = join(dir, "api.yaml");
  const spec = (example: string) =>
    `openapi: 3.1.0\ninfo: {title: t, version: "1"}\nservers: [{url: "https://api.example"}]\npaths:\n  /t:\n` +
    `    get:\n      operationId: getT\n      summary: T.\n      responses:\n        "200":\n` +
    `          description: ok\n          content:\n            application/json:\n` +
    `              schema: {type: string, pattern: "^[a-z\\\\-\\\\:]+$"}\n              example: ${example}\n`;
  writeFileSync(file, spec('"tag-a:b"'));
  // The folder has no redocly.yaml: the toolkit's own config also reports recommended's rules.
  const examples = async () =>
    (await lint([file], { cwd: dir })).problems
      .filter((p) => p.ruleId === "specgen/example-valid")
      .map((p) => p.message);
  assert.deepEqual(await examples(), []);
  writeFileSync(file, spec('"Tag A"'));
  assert.deepEqual(await examples(), ["Example does not match its schema: String does not match pattern."]);
});

test("a folder walk leaves out the tool files a project keeps beside its specs; a file named is read", async () => {
  const dir = tempDir();
  cpSync(join(ROOT, "specs/client-server/auth_metadata.yaml"), join(dir, "auth_metadata.yaml"));
  cpSync(join(ROOT, "redocly.yaml"), join(dir, "redocly.yaml"));
  for (const name of [
    "package.json",
    "package-lock.json",
    "tsconfig.json",
    "tsconfig.build.json",
    "specgen.config.json",
    "renovate.json",
  ])
    writeFileSync(join(dir, name), "{}");
  const result = await lint([dir]);
  assert.deepEqual(
    result.files.map((f) => relative(dir, f.path)),
    ["auth_metadata.yaml"],
  );
  assert.deepEqual(result.problems, []);
  const named = await lint([join(dir, "package.json")]);
  assert.equal(named.problems[0]?.ruleId, "document-kind");
});

test("the toolkit's lint config is generic, and a project's own redocly.yaml keeps every specgen rule", async () => {
  const dir = tempDir();
  try {
    // A redirect-only operation, no licence, no security, no 4xx: an ordinary small API.
    const api = [
      "openapi: 3.1.0",
      'info: {title: Pets, version: "1", description: Pets.}',
      'servers: [{url: "https://pets.example"}]',
      "paths:",
      "  /go:",
      "    get:",
      "      operationId: go",
      "      summary: Go.",
      "      responses:",
      '        "302": {description: Away., headers: {Location: {schema: {type: string}}}}',
      "  /pet:",
      "    get:",
      "      operationId: getPet",
      "      summary: A pet.",
      "      responses:",
      '        "200": {description: ok, content: {application/json: ' +
        '{schema: {type: integer}, example: "not a number"}}}',
      "",
    ].join("\n");
    writeFileSync(join(dir, "api.yaml"), api);
    const rules = async () =>
      [...new Set((await lint([join(dir, "api.yaml")], { cwd: dir })).problems.map((p) => p.ruleId))].sort();
    // No redocly.yaml: recommended (licence, security, 4xx are reported: nothing Matrix-specific is
    // turned off), the replaced rules off (the redirect is no problem), the specgen rules on.
    assert.deepEqual(await rules(), [
      "info-license",
      "operation-4xx-response",
      "security-defined",
      "specgen/example-valid",
    ]);
    // A project's own config that knows nothing of specgen still gets its rules.
    writeFileSync(join(dir, "redocly.yaml"), "extends: [minimal]\n");
    assert.ok((await rules()).includes("specgen/example-valid"));
    writeFileSync(join(dir, "redocly.yaml"), "extends: [minimal]\nrules:\n  specgen/example-valid: off\n");
    assert.ok(!(await rules()).includes("specgen/example-valid"), "a rule the file turns off stays off");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
