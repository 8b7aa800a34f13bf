/**
 * Hostile and extreme answers: wrong types, prototype keys, deep nesting, huge arrays, any JSON.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { loadValidators, readJsonFile } from "../generator/validate/index.js";
import { FIXTURES, ROOT, tempDir } from "./helpers.js";
import {
  type Guard,
  type ValidationErrorLike,
  fn,
  isAuth,
  isFlow,
  isIdp,
  problems,
  pointers,
  BASE,
  noPollution,
  ISS,
  PROSE_RULES_ON,
} from "./generated-validators.js";

test("robustness: null, wrong types, empty arrays, case variants, invisible Unicode: rejected, never thrown", () => {
  for (const value of [null, undefined, 0, -1, Number.NaN, "", "{}", true, [], [BASE], () => BASE, Symbol("x"), 10n]) {
    assert.equal(isAuth(value), false, String(typeof value));
    assert.equal(isFlow(value), false);
    assert.equal(isIdp(value), false);
  }
  assert.equal(isAuth(BASE), true);
  for (const [key, value] of [
    ["issuer", null],
    ["issuer", ["https://a.example/"]],
    ["issuer", { href: "https://a.example/" }],
    ["token_endpoint", 1],
    ["response_types_supported", "code"],
    ["grant_types_supported", { 0: "authorization_code" }],
    ["code_challenge_methods_supported", null],
    ["prompt_values_supported", [1]],
    // Invisible characters: zero-width space, BOM, soft hyphen, right-to-left override.
    ["issuer", "https://account.example.com/\u200b"],
    ["token_endpoint", "\ufeffhttps://account.example.com/oauth2/token"],
    ["authorization_endpoint", "https://account\u00ad.example.com/"],
    ["revocation_endpoint", "https://\u202eaccount.example.com/"],
  ] as const) {
    assert.equal(isAuth({ ...BASE, [key]: value }), false, `${key}: ${JSON.stringify(value)}`);
  }
  const { issuer, ...rest } = BASE;
  assert.equal(isAuth({ ...rest, Issuer: issuer }), false, "keys are case-sensitive");
  assert.equal(isAuth({ ...rest, "issuer\u200b": issuer }), false, "an invisible character makes another key");
  assert.equal(isAuth({ ...BASE, prompt_values_supported: [] }), true, "an empty optional list is fine");
  // Empty lists, case variants and look-alikes of the required values only fail the prose rules.
  for (const variant of [
    { response_types_supported: [] },
    { response_types_supported: ["CODE"] },
    { code_challenge_methods_supported: ["s256"] },
    { response_modes_supported: ["query", "fragment\u200b"] },
  ]) {
    assert.equal(isAuth({ ...BASE, ...variant }), !PROSE_RULES_ON, JSON.stringify(variant));
  }
  assert.equal(isFlow({ type: "M.LOGIN.SSO" }), false);
  assert.equal(isFlow({ type: "m.login.sso", identity_providers: [] }), true);
  assert.equal(isIdp({ id: "x", name: null }), false);
  noPollution();
});

test("robustness: __proto__, constructor, prototype keys neither satisfy required nor pollute Object.prototype", () => {
  // JSON.parse makes `__proto__` an own key; an object literal would set the prototype instead.
  const { issuer, ...rest } = BASE;
  const hidden = JSON.parse(
    `{"__proto__": {"issuer": ${JSON.stringify(issuer)}}, ${JSON.stringify(rest).slice(1)}`,
  ) as Record<string, unknown>;
  assert.ok(Object.hasOwn(hidden, "__proto__"));
  assert.equal(isAuth(hidden), false);
  assert.deepEqual(pointers(problems(hidden)), [ISS]);
  // A field inherited through the prototype chain is not the document's own.
  assert.equal(isAuth(Object.create(BASE)), false);
  assert.equal(isAuth(Object.assign(Object.create({ issuer }), rest)), false);
  assert.equal(isIdp(Object.assign(Object.create({ name: "GitHub" }), { id: "gh" })), false);
  // Extra keys with hostile names are just extra keys.
  const hostile = JSON.parse(
    `{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}, ` +
      `"prototype": {"polluted": "yes"}, ${JSON.stringify(BASE).slice(1)}`,
  ) as unknown;
  assert.equal(isAuth(hostile), true);
  assert.equal(
    isFlow(
      JSON.parse(
        '{"type": "m.login.sso", "__proto__": {"identity_providers": 1}, ' +
          '"identity_providers": [{"id": "a", "name": "A", "__proto__": {"polluted": 1}}]}',
      ),
    ),
    true,
  );
  assert.equal(isFlow(JSON.parse('{"__proto__": {"type": "m.login.sso"}}')), false);
  noPollution();
});

test("robustness: 10,000-deep nesting, 100,000-element arrays and a UTF-8 BOM", { timeout: 60_000 }, async () => {
  const deep = `${"[".repeat(10_000)}${"]".repeat(10_000)}`;
  const deepObject = `${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}`;
  assert.equal(isAuth(JSON.parse(`{"extra": ${deep}, "more": ${deepObject}, ${JSON.stringify(BASE).slice(1)}`)), true);
  assert.equal(isAuth(JSON.parse(`{${JSON.stringify(BASE).slice(1, -1)}, "issuer": ${deep}}`)), false);
  assert.equal(isIdp(JSON.parse(`{"id": "x", "name": ${deepObject}}`)), false);
  assert.equal(
    isFlow(JSON.parse(`{"type": "m.login.sso", "identity_providers": [{"id": "x", "name": "y", "brand": ${deep}}]}`)),
    false,
  );

  // A recursive schema recurses with the value: past the call stack the guards answer "invalid".
  const { exports: tree } = await loadValidators(join(FIXTURES, "validators/shared.yaml"), { cwd: ROOT });
  const nest = (depth: number) => {
    let node: Record<string, unknown> = { name: "leaf" };
    for (let i = 0; i < depth; i++) node = { name: `n${i}`, children: [node] };
    return node;
  };
  assert.equal(fn<Guard>(tree, "isGetTreeResponse")(nest(1_000)), true);
  assert.equal(fn<Guard>(tree, "isGetTreeResponse")(nest(10_000)), false);
  assert.throws(
    () => fn<(v: unknown) => void>(tree, "assertGetTreeResponse")(nest(10_000)),
    (err: ValidationErrorLike) => {
      assert.equal(err.name, "ValidationError");
      assert.deepEqual(err.errors, [{ pointer: "", message: "is nested too deeply to validate" }]);
      return true;
    },
  );

  const many = Array.from({ length: 100_000 }, (_, i) => `type-${i}`);
  assert.equal(isAuth({ ...BASE, response_types_supported: [...many, "code"] }), true);
  assert.equal(isAuth({ ...BASE, response_types_supported: many }), !PROSE_RULES_ON);
  const numbers = Array.from({ length: 100_000 }, (_, i) => i);
  const ps = problems({ ...BASE, grant_types_supported: ["authorization_code", "refresh_token", ...numbers] });
  assert.equal(ps.filter((p) => p.message === "must be string").length, 100_000);
  assert.equal(
    isFlow({
      type: "m.login.sso",
      identity_providers: Array.from({ length: 100_000 }, (_, i) => ({ id: `i${i}`, name: "n" })),
    }),
    true,
  );

  const dir = tempDir();
  mkdirSync(join(dir, "bom"));
  const file = join(dir, "bom/with-bom.json");
  writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(BASE))]));
  assert.throws(() => JSON.parse(readFileSync(file, "utf8")), SyntaxError, "a BOM breaks plain JSON.parse");
  assert.equal(isAuth(readJsonFile(file, dir)), true);
  writeFileSync(file, Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0xff, 0x7d]));
  assert.throws(() => readJsonFile(file, dir), /with-bom\.json: not valid UTF-8/);
  noPollution();
});

test("property: any JSON value, with any extra keys, is answered with a boolean and pollutes nothing", () => {
  const hostileKey = fc.constantFrom(
    "__proto__",
    "constructor",
    "prototype",
    "toString",
    "hasOwnProperty",
    "valueOf",
    "polluted",
  );
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      const parsed = JSON.parse(JSON.stringify(value) ?? "null") as unknown;
      return (
        typeof isAuth(parsed) === "boolean" && typeof isFlow(parsed) === "boolean" && typeof isIdp(parsed) === "boolean"
      );
    }),
    { numRuns: 500 },
  );
  fc.assert(
    fc.property(fc.dictionary(fc.oneof(hostileKey, fc.string()), fc.jsonValue(), { maxKeys: 6 }), (extra) => {
      const known = new Set([...Object.keys(BASE), "prompt_values_supported"]);
      const text = JSON.stringify(Object.fromEntries(Object.entries(extra).filter(([k]) => !known.has(k))));
      const doc = JSON.parse(
        `${text.slice(0, -1)}${text.length > 2 ? "," : ""}${JSON.stringify(BASE).slice(1)}`,
      ) as unknown;
      return isAuth(doc) === true;
    }),
    { numRuns: 300 },
  );
  noPollution();
});
