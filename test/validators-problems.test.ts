/**
 * The problems the validators report: `ValidationError` and `problemsOf`.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { problemsOf, type AjvErrorObject } from "../generator/runtime/validation.js";
import {
  assertAuth,
  validateAuth,
  ValidationError,
  problems,
  BASE,
  RM,
  PROSE_RULES_ON,
  corpusDoc,
} from "./generated-validators.js";

test("ValidationError lists every problem with a JSON pointer and a readable message", () => {
  const doc = corpusDoc("invalid/14-array-items-non-strings.json");
  const ps = problems(doc);
  assert.deepEqual(ps.slice(0, 4), [
    { pointer: "/response_types_supported/1", message: "must be string" },
    { pointer: "/response_types_supported/2", message: "must be string" },
    { pointer: "/response_types_supported/3", message: "must be string" },
    { pointer: "/code_challenge_methods_supported/1", message: "must be string" },
  ]);
  try {
    assertAuth({ ...BASE, issuer: 42, revocation_endpoint: undefined });
    assert.fail("no throw");
  } catch (err) {
    assert.ok(err instanceof ValidationError);
    assert.equal(err.name, "ValidationError");
    assert.equal(err.schema, "GetAuthMetadataResponse");
    assert.equal(
      err.message,
      "value is not a valid GetAuthMetadataResponse (2 problems): " +
        "/revocation_endpoint is required; /issuer must be string",
    );
  }
  try {
    assertAuth(null);
  } catch (err) {
    assert.equal(
      (err as Error).message,
      "value is not a valid GetAuthMetadataResponse (1 problem): (root) must be object",
    );
  }
  if (PROSE_RULES_ON) {
    assert.deepEqual(problems({ ...BASE, response_modes_supported: ["web_message.opener"] }), [
      { pointer: RM, message: 'must contain "query"' },
      { pointer: RM, message: 'must contain "fragment"' },
    ]);
  }
  // The raw Ajv function keeps Ajv's own errors.
  assert.equal(validateAuth({}), false);
  assert.ok((validateAuth.errors ?? []).every((e) => e.keyword === "required" || e.keyword === "contains"));
  assert.equal(validateAuth(BASE), true);
  assert.equal(validateAuth.errors, null);
});

test("problemsOf: pointers are escaped, duplicates dropped, a failed contains is one problem", () => {
  const err = (e: Partial<AjvErrorObject>): AjvErrorObject => ({
    instancePath: "",
    keyword: "type",
    params: {},
    schemaPath: "#/type",
    message: "must be object",
    ...e,
  });
  assert.deepEqual(
    problemsOf([
      err({
        keyword: "required",
        params: { missingProperty: "a/b~c" },
        message: "must have required property 'a/b~c'",
      }),
      err({
        keyword: "additionalProperties",
        instancePath: "/x",
        params: { additionalProperty: "__proto__" },
        message: "must NOT have additional properties",
      }),
      err({
        instancePath: "/l/0",
        keyword: "const",
        schemaPath: "#/properties/l/contains/const",
        params: { allowedValue: "code" },
        message: "must be equal to constant",
      }),
      err({
        instancePath: "/l",
        keyword: "contains",
        schemaPath: "#/properties/l/contains",
        params: { minContains: 1 },
        message: "must contain at least 1 valid item(s)",
      }),
      err({
        instancePath: "/k",
        keyword: "contains",
        schemaPath: "#/properties/k/contains",
        params: { minContains: 1 },
        message: "must contain at least 1 valid item(s)",
      }),
      err({}),
      err({}),
    ]),
    [
      { pointer: "/a~1b~0c", message: "is required" },
      { pointer: "/x/__proto__", message: "is not allowed here" },
      { pointer: "/l", message: 'must contain "code"' },
      { pointer: "/k", message: "must contain at least 1 valid item(s)" },
      { pointer: "", message: "must be object" },
    ],
  );
  assert.deepEqual(problemsOf(null), []);
  assert.equal(
    new ValidationError(
      "T",
      Array.from({ length: 12 }, (_, i) => err({ instancePath: `/${i}` })),
    ).message.endsWith("; … and 2 more"),
    true,
  );
});

// ---------------------------------------------------------------------------
// Robustness
// ---------------------------------------------------------------------------
