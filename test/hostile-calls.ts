// What the hostile-output test calls in the generated package: every validator with edge values,
// random JSON and hostile objects; every bundled format check; every client stub and bound client
// method against a recording fetch. Each must return or throw one of the package's own errors.
import assert from "node:assert/strict";
import fc from "fast-check";
import type { Model } from "../generator/model/types.js";

export const BASE_URL = "https://hs.example";
type Module = Record<string, unknown>;

/** Edge values, random JSON and objects with the fixture's hostile keys. */
const SAMPLES: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e308,
  "",
  "*/ globalThis.__pwned = 1; /*",
  "\u2028",
  [],
  {},
  [null],
  { a: 1 },
  JSON.parse('{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}}}'),
  JSON.parse(
    '{"a-b": "x", "": "", "__proto__": {"polluted": true}, "toString": 1, "state": "*/ globalThis.__pwned = 1; /*"}',
  ),
  ...fc.sample(fc.jsonValue({ maxDepth: 3 }), { numRuns: 60, seed: 7 }),
  ...fc.sample(
    fc.dictionary(
      fc.constantFrom("a-b", "", "__proto__", "toString", "then", "state", "code", "fixed", "nested", "class_names"),
      fc.jsonValue({ maxDepth: 2 }),
    ),
    { numRuns: 60, seed: 11 },
  ),
];

/** The validators folder's shared modules: no validator functions to call in them. */
const RUNTIME_MODULES = [
  "validators/runtime.js",
  "validators/pointer.js",
  "validators/formats.js",
  "validators/helpers.js",
];

/** Calls every validateX / isX / assertX of the validators modules with every sample; returns how many calls. */
export function callValidators(modules: Map<string, Module>): number {
  const runtime = modules.get("validators/runtime.js")!;
  const ValidationError = runtime.ValidationError as new (...args: unknown[]) => Error;
  let calls = 0;
  for (const [name, module] of modules) {
    // An Ajv module's validateX are the front's own; its firstErrorValidator builds the front's isX.
    if (!name.startsWith("validators/") || name.endsWith(".ajv.js") || RUNTIME_MODULES.includes(name)) continue;
    for (const [exported, value] of Object.entries(module)) {
      if (typeof value !== "function" || exported === "ValidationError" || exported === "problemsOf") continue;
      const fn = value as (input: unknown) => unknown;
      for (const sample of SAMPLES) {
        const input = JSON.parse(JSON.stringify(sample) ?? "null") as unknown;
        calls++;
        if (exported.startsWith("assert")) {
          try {
            fn(input);
          } catch (err) {
            assert.ok(err instanceof ValidationError, `${name} ${exported} threw ${String(err)}`);
          }
        } else assert.equal(typeof fn(input), "boolean", `${name} ${exported}`);
      }
    }
  }
  const problemsOf = runtime.problemsOf as (errors: unknown) => unknown[];
  assert.ok(
    Array.isArray(
      problemsOf([{ instancePath: "/a", keyword: "required", params: { missingProperty: "*/" }, schemaPath: "#" }]),
    ),
  );
  return calls;
}

/** Runs every bundled format check on a few strings. */
export function callFormats(modules: Map<string, Module>): void {
  // One export per format (the module is imported whole, as a namespace).
  const formats = modules.get("validators/formats.js")! as Record<string, unknown>;
  const runFormat = (f: unknown, input: string): unknown =>
    f instanceof RegExp
      ? f.test(input)
      : typeof f === "function"
        ? (f as (s: string) => unknown)(input)
        : typeof f === "object" && f !== null && "validate" in f
          ? runFormat(f.validate, input)
          : undefined;
  for (const f of Object.values(formats))
    for (const input of ["", "*/", "2024-01-01", "https://x.example/", "\u2028"]) runFormat(f, input);
}

/**
 * Calls every client stub (and URL builder) with `value` as each path and query parameter, then
 * the same operations through createClient(); returns the URLs fetched or built, and the stub count.
 */
export async function callClient(
  modules: Map<string, Module>,
  model: Model,
  value: string,
): Promise<{ urls: string[]; stubs: number }> {
  const clientRuntime = modules.get("client/runtime.js")!;
  const known = [clientRuntime.HttpError, clientRuntime.MatrixError, clientRuntime.ResponseValidationError] as Array<
    new () => Error
  >;
  const urls: string[] = [];
  const fetchFor = (redirect: boolean) => async (url: string | URL) => {
    urls.push(String(url));
    return redirect
      ? new Response(null, { status: 302, headers: { location: "https://idp.example/next" } })
      : new Response(JSON.stringify({ "*/": "*/ globalThis.__pwned = 1; /*" }), {
          status: 200,
          headers: { "content-type": "application/json" },
        });
  };
  const settle = async (promise: unknown) => {
    try {
      await promise;
    } catch (err) {
      assert.ok(
        known.some((k) => err instanceof k),
        `unexpected ${String(err)}`,
      );
    }
  };
  let stubs = 0;
  for (const spec of model.specs.filter((s) => s.operations.length)) {
    const module = modules.get(`client/${spec.module}.js`)!;
    for (const op of spec.operations) {
      const params = Object.fromEntries(
        op.parameters
          .filter((p) => p.in === "path" || p.in === "query")
          .map((p) => [p.name, p.in === "query" && /^\$/.test(p.name) ? [value, "2"] : value]),
      );
      const options = { baseUrl: BASE_URL, fetch: fetchFor(op.redirect) };
      const stub = module[op.name] as (...args: unknown[]) => Promise<unknown>;
      assert.equal(typeof stub, "function", `${spec.module}: ${op.name}`);
      await settle(
        op.parameters.some((p) => p.in === "path" || p.in === "query") ? stub(options, params) : stub(options),
      );
      stubs++;
      if (op.redirect) urls.push((module[`${op.name}Url`] as (c: unknown, p: unknown) => string)(options, params));
    }
  }
  const root = modules.get("index.js")!;
  const bound = new Set<string>();
  for (const spec of model.specs.filter((s) => s.operations.length)) {
    for (const op of spec.operations) {
      if (bound.has(op.name)) continue; // a name shared by two specs: createClient() binds the first
      bound.add(op.name);
      const cache = (root.createMemoryCache as () => unknown)();
      const client = (root.createClient as (o: unknown) => Record<string, (...args: unknown[]) => unknown>)({
        baseUrl: BASE_URL,
        fetch: fetchFor(op.redirect),
        validate: false,
        cache,
      });
      const params = Object.fromEntries(
        op.parameters.filter((p) => p.in === "path" || p.in === "query").map((p) => [p.name, value]),
      );
      const member = client[op.name];
      assert.equal(typeof member, "function", op.name);
      await settle(op.parameters.some((p) => p.in === "path" || p.in === "query") ? member!(params) : member!());
    }
  }
  return { urls, stubs };
}
