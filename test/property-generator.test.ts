import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import ts from "typescript";
import { SpecError } from "../generator/errors.js";
import { generate } from "../generator/generate.js";
import { LONG_TESTS, tempDir } from "./helpers.js";
import { hostileText } from "./property-helpers.js";
import { STRICT } from "./typecheck.js";

/**
 * The whole generator on a tiny spec whose texts, names and values are random. Each run bundles,
 * compiles and type-checks a package (about a second), so this property has 30 runs (6 in
 * `npm test`), not 1,000.
 */
test("property (c): random texts through the whole generator give output that type-checks, runs nothing", async () => {
  const root = tempDir("specgen-prop-");
  let program: ts.Program | undefined;
  let run = 0;
  const doc = fc.record({
    text: hostileText,
    title: hostileText,
    operationId: hostileText,
    param: hostileText,
    props: fc.uniqueArray(hostileText, { minLength: 1, maxLength: 3 }),
    values: fc.uniqueArray(hostileText, { minLength: 1, maxLength: 3 }),
  });
  await fc.assert(
    fc.asyncProperty(doc, async (r) => {
      const dir = join(root, String(run++));
      const spec = {
        openapi: "3.1.0",
        info: { title: r.title, version: "1", description: r.text },
        paths: {
          "/things/{p}": {
            get: {
              operationId: r.operationId,
              summary: r.text,
              description: r.text,
              "x-addedInMatrixVersion": r.title,
              "x-changedInMatrixVersion": { [r.title]: r.text },
              parameters: [
                {
                  name: "p",
                  in: "path",
                  required: true,
                  description: r.text,
                  schema: { type: "string", example: r.text },
                },
                { name: r.param, in: "query", description: r.text, schema: { type: "string", default: r.text } },
              ],
              responses: {
                "200": {
                  description: r.text,
                  content: {
                    "application/json": {
                      schema: {
                        type: "object",
                        title: r.title,
                        description: r.text,
                        required: [r.props[0]],
                        properties: Object.fromEntries(
                          r.props.map((p, i) => [
                            p,
                            {
                              description: r.text,
                              title: r.title,
                              ...(i === 0
                                ? {
                                    enum: r.values,
                                    "x-enum-descriptions": r.values.map(() => r.text),
                                    default: r.values[0],
                                    examples: [r.text],
                                  }
                                : { const: r.values[0] }),
                            },
                          ]),
                        ),
                      },
                      example: Object.fromEntries(r.props.map((p) => [p, r.values[0]])),
                    },
                  },
                },
              },
            },
          },
        },
      };
      mkdirSync(join(dir, "specs"), { recursive: true });
      writeFileSync(join(dir, "specs/tiny.json"), JSON.stringify(spec, null, 1));
      let result: Awaited<ReturnType<typeof generate>>;
      try {
        result = await generate({ cwd: dir, out: join(dir, "out"), dryRun: true });
      } catch (err) {
        // Rejected input is fine when it is rejected clearly (a key Redocly cannot read).
        assert.ok(err instanceof SpecError && err.file === "tiny.json", String(err));
        return true;
      }
      if (result.problems.length) {
        // Redocly's struct gate refuses a property named `constructor`, saying so (see build.ts).
        assert.ok(
          result.problems.every(
            (p) =>
              /the key "constructor"/.test(p.message) && /tiny\.json$/.test(p.location[0]?.source.absoluteRef ?? ""),
          ),
          result.problems.map((p) => p.message).join("; "),
        );
        return true;
      }
      const { files } = result;
      for (const f of files) {
        mkdirSync(dirname(join(dir, "out", f.path)), { recursive: true });
        writeFileSync(join(dir, "out", f.path), f.contents);
      }
      // Type-check (reusing the previous program for the unchanged lib files).
      const dts = files.filter((f) => f.path.endsWith(".d.ts")).map((f) => join(dir, "out", f.path));
      program = ts.createProgram({ rootNames: dts, options: STRICT, ...(program ? { oldProgram: program } : {}) });
      const errors = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, " "));
      assert.deepEqual(errors, [], JSON.stringify(r));
      // No spec text is code: the marker never parses as an identifier.
      for (const f of files.filter((x) => x.path.endsWith(".js"))) {
        const source = ts.createSourceFile(f.path, f.contents, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
        const visit = (node: ts.Node): void => {
          assert.ok(!(ts.isIdentifier(node) && node.text === "__pwned"), `${f.path}: payload is code`);
          ts.forEachChild(node, visit);
        };
        visit(source);
      }
      // Import every module and call the validators and the client stub.
      const modules: Record<string, unknown>[] = [];
      const validators: Record<string, unknown>[] = [];
      for (const f of files.filter((x) => x.path.endsWith(".js"))) {
        const m = (await import(pathToFileURL(join(dir, "out", f.path)).href)) as Record<string, unknown>;
        modules.push(m);
        if (f.path.startsWith("validators/")) validators.push(m);
      }
      const pkg = modules.find((m) => typeof m.createClient === "function")!;
      // The validators' own exports only: a client stub may be named `is_` too (an operationId `is`).
      for (const [name, fn] of validators.flatMap((m) => Object.entries(m))) {
        if (/^(validate|is)[A-Z_]/.test(name))
          for (const v of [
            null,
            {},
            spec.paths["/things/{p}"].get.responses["200"].content["application/json"].example,
            r.values[0],
          ])
            (fn as (v: unknown) => unknown)(v);
      }
      const client = (pkg.createClient as (o: unknown) => Record<string, (...a: unknown[]) => Promise<unknown>>)({
        baseUrl: "https://hs.example",
        fetch: async (url: string) => {
          assert.equal(new URL(url).origin, "https://hs.example");
          return new Response(
            JSON.stringify(spec.paths["/things/{p}"].get.responses["200"].content["application/json"].example),
            { status: 200 },
          );
        },
      });
      for (const call of Object.values(client))
        await call({ p: r.text || "x", [r.param]: r.text }).catch((err: Error) => assert.match(err.name, /Error$/));
      assert.equal(globalThis.__pwned, undefined, JSON.stringify(r));
      return true;
    }),
    { numRuns: LONG_TESTS ? 30 : 2 },
  );
  rmSync(root, { recursive: true, force: true });
});
