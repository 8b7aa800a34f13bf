import { test } from "node:test";
import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { HOIST_DEFAULTS } from "../generator/emit/hoist.js";
import { runValidate } from "../generator/validate/index.js";
import { tempDir } from "./helpers.js";

/**
 * `specgen validate spec#target` compiles the target alone (with what it references), and an
 * overlay's rule is still cited for a problem raised inside a subschema hoisted into a function
 * of its own (generator/emit/hoist.ts).
 */

/** A webhook `name` whose JSON body is `schema`. */
function webhook(name: string, schema: unknown): Record<string, unknown> {
  const requestBody = { content: { "application/json": { schema } } };
  return { post: { operationId: name, requestBody, responses: { "200": { description: "ok" } } } };
}

test("specgen validate compiles only the target it checks: another body's compile warning is not printed", async () => {
  const dir = tempDir();
  try {
    const spec = {
      openapi: "3.1.0",
      info: { title: "t", version: "1" },
      webhooks: {
        a: webhook("a", { type: "object", required: ["n"] }),
        // Ajv warns while compiling this one (an `if` without `then` or `else`).
        b: webhook("b", { type: "object", if: { required: ["x"] } }),
      },
    };
    writeFileSync(join(dir, "spec.json"), JSON.stringify(spec));
    writeFileSync(join(dir, "ok.json"), '{"n": 1}');
    const warning = /"if" without "then" and "else" is ignored/;
    const a = await runValidate("spec.json#a", ["ok.json"], { cwd: dir });
    assert.equal(a.exitCode, 0, a.stderr.join("\n"));
    assert.doesNotMatch(a.stderr.join("\n"), warning);
    const b = await runValidate("spec.json#b", ["ok.json"], { cwd: dir });
    assert.equal(b.exitCode, 0, b.stderr.join("\n"));
    assert.match(b.stderr.join("\n"), warning);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("specgen validate cites an overlay rule for a problem inside a subschema hoisted into a function", async () => {
  const dir = tempDir();
  try {
    // An object the overlay adds, big enough to be a function of its own.
    const properties: Record<string, unknown> = { code: { type: "string", minLength: 3 } };
    for (let i = 0; JSON.stringify(properties).length < HOIST_DEFAULTS.largeChars; i++) {
      properties[`field_${i}`] = { type: "integer", minimum: 0, maximum: 1000 };
    }
    const webhooks = { a: webhook("a", { type: "object" }) };
    const spec = { openapi: "3.1.0", info: { title: "t", version: "1" }, webhooks };
    writeFileSync(join(dir, "spec.json"), JSON.stringify(spec));
    const overlay = {
      overlay: "1.0.0",
      info: { title: "rules", version: "1" },
      actions: [
        {
          target: "$.webhooks.a.post.requestBody.content['application/json'].schema",
          description: "The thing has a code of three characters or more.",
          update: { properties: { thing: { type: "object", properties } } },
        },
      ],
    };
    writeFileSync(join(dir, "rules.json"), JSON.stringify(overlay));
    writeFileSync(join(dir, "specgen.config.json"), JSON.stringify({ overlays: { "spec.json": ["rules.json"] } }));
    writeFileSync(join(dir, "bad.json"), '{"thing": {"code": "x"}}');
    const r = await runValidate("spec.json#a", ["bad.json"], { cwd: dir });
    assert.equal(r.exitCode, 1, r.stderr.join("\n"));
    assert.deepEqual(r.stdout, [
      "bad.json:1:20: /thing/code must NOT have fewer than 3 characters " +
        "(overlay rule: The thing has a code of three characters or more. [rules.json#/actions/0])",
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
