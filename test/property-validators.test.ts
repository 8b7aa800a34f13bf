import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import ajvFormats from "ajv-formats";
import { formatNames } from "ajv-formats/dist/formats.js";
import { OPENAPI_ANNOTATIONS } from "../generator/load/keys.js";
import { AJV_OPTIONS } from "../generator/emit/validators/options.js";
import { generate } from "../generator/generate.js";
import type { SpecModel } from "../generator/model/types.js";
import { ROOT } from "./helpers.js";
import { RUNS } from "./property-helpers.js";

/**
 * Property (a), checked with fast-check: the generated validators agree with Ajv compiling the
 * same schemas at run time, on random JSON and on mutated spec examples. 1,000 runs per property
 * in `npm run test:long` (see RUNS).
 */

interface Pair {
  name: string;
  generated: (value: unknown) => boolean;
  guard: (value: unknown) => boolean;
  runtime: ValidateFunction;
}

/** The schema location a model pointer designates, following `$ref`s it passes through (a response in components). */
function schemaPointer(document: unknown, pointer: string): string {
  const unescapeToken = (t: string) => t.replace(/~1/g, "/").replace(/~0/g, "~");
  let parts = pointer.split("/").slice(1).map(unescapeToken);
  for (let guard = 0; guard < 32; guard++) {
    let node: unknown = document;
    let jumped = false;
    for (let i = 0; i < parts.length; i++) {
      const here = node as Record<string, unknown>;
      if (typeof here?.$ref === "string" && here.$ref.startsWith("#/") && !Object.hasOwn(here, parts[i]!)) {
        parts = [
          ...here.$ref
            .slice(2)
            .split("/")
            .map((t) => unescapeToken(decodeURIComponent(t))),
          ...parts.slice(i),
        ];
        jumped = true;
        break;
      }
      node = here?.[parts[i]!];
    }
    if (!jumped) break;
  }
  return parts.map((p) => `/${encodeURIComponent(p.replace(/~/g, "~0").replace(/\//g, "~1"))}`).join("");
}

/** An Ajv of its own for one spec: the emitter's options and formats, compiled now rather than at generation time. */
function runtimeAjv(spec: SpecModel): Ajv2020 {
  const extensions = new Set<string>();
  const formats = new Set<string>();
  const scan = (node: unknown): void => {
    if (typeof node !== "object" || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith("x-")) extensions.add(key);
      if (key === "format" && typeof value === "string") formats.add(value);
      scan(value);
    }
  };
  scan(spec.document);
  const ajv = new Ajv2020({ ...AJV_OPTIONS });
  // The document's own OpenAPI keys sit beside the schemas; they are never compiled as schemas.
  ajv.addVocabulary([
    ...OPENAPI_ANNOTATIONS,
    ...extensions,
    "openapi",
    "info",
    "servers",
    "paths",
    "webhooks",
    "components",
    "tags",
    "security",
    "jsonSchemaDialect",
  ]);
  const known = new Set<string>(formatNames);
  ajvFormats.default(ajv, {
    mode: "full",
    formats: [...formats].filter((f) => known.has(f)) as typeof formatNames,
    keywords: false,
  });
  for (const f of formats) if (!known.has(f)) ajv.addFormat(f, true);
  ajv.addSchema({ ...spec.document, $id: `runtime:${encodeURI(spec.source)}` });
  return ajv;
}

let pairs: Promise<{ pairs: Pair[]; examples: unknown[] }> | undefined;
/**
 * Every validator of the project's generated/ package, with its run-time twin, and every example value of the specs.
 */
function projectValidators(): Promise<{ pairs: Pair[]; examples: unknown[] }> {
  pairs ??= (async () => {
    const { model } = await generate({ cwd: ROOT, dryRun: true });
    const found: Pair[] = [];
    const examples: unknown[] = [];
    for (const spec of model.specs) {
      const collect = (node: unknown): void => {
        if (typeof node !== "object" || node === null) return;
        for (const [key, value] of Object.entries(node)) {
          if (key === "example") examples.push(value);
          else if (key === "examples" && Array.isArray(value)) examples.push(...value);
          else if (key === "examples" && typeof value === "object" && value !== null)
            for (const e of Object.values(value)) examples.push((e as { value?: unknown }).value);
          collect(value);
        }
      };
      collect(spec.document);
      const targets = [
        ...spec.operations.flatMap((op) =>
          op.responseTypes.map((r) => ({
            name: r.name,
            pointer: op.responses.find((x) => x.status === r.status)!.jsonSchemaPointer!,
          })),
        ),
        ...spec.schemas.map((s) => ({ name: s.name, pointer: s.pointer })),
      ];
      if (!targets.length) continue;
      const module = (await import(
        pathToFileURL(join(ROOT, "generated/validators", `${spec.module}.js`)).href
      )) as Record<string, unknown>;
      const ajv = runtimeAjv(spec);
      for (const t of targets) {
        const at = schemaPointer(spec.document, t.pointer);
        examples.push(...assembled(spec.document, at));
        const runtime = ajv.getSchema(`runtime:${encodeURI(spec.source)}#${at}`);
        assert.ok(runtime, `${t.name}: run-time compile`);
        found.push({
          name: t.name,
          generated: module[`validate${t.name}`] as Pair["generated"],
          guard: module[`is${t.name}`] as Pair["guard"],
          runtime,
        });
      }
    }
    assert.ok(found.length >= 3, found.map((p) => p.name).join(", "));
    return { pairs: found, examples: examples.filter((e) => e !== undefined) };
  })();
  return pairs;
}

/**
 * Example values for the schema at `pointer`, assembled from its parts where it has no example
 * of its own (an object from its properties' examples, an array from its items').
 */
function assembled(document: unknown, pointer: string): unknown[] {
  const at = (p: string): unknown =>
    p
      .split("/")
      .slice(1)
      .reduce<unknown>(
        (node, t) => (node as Record<string, unknown>)?.[decodeURIComponent(t).replace(/~1/g, "/").replace(/~0/g, "~")],
        document,
      );
  const seeds = (schema: unknown, depth: number): unknown[] => {
    if (typeof schema !== "object" || schema === null || depth > 8) return [];
    const s = schema as Record<string, unknown>;
    if (typeof s.$ref === "string" && s.$ref.startsWith("#/")) return seeds(at(s.$ref.slice(1)), depth + 1);
    const own = [...("example" in s ? [s.example] : []), ...(Array.isArray(s.examples) ? s.examples : [])];
    if (own.length) return own;
    if (typeof s.properties === "object" && s.properties !== null) {
      const entries = Object.entries(s.properties).flatMap(([k, v]) =>
        seeds(v, depth + 1)
          .slice(0, 1)
          .map((e) => [k, e] as const),
      );
      return entries.length ? [Object.fromEntries(entries)] : [];
    }
    if (typeof s.items === "object")
      return seeds(s.items, depth + 1)
        .slice(0, 1)
        .map((e) => [e]);
    return [];
  };
  return seeds(at(pointer), 0);
}

/** Small edits of a JSON value: drop a key or item, replace a value by one of another type, add a key. */
function mutate(value: unknown, edits: ReadonlyArray<{ path: number[]; kind: number; with: unknown }>): unknown {
  let root = JSON.parse(JSON.stringify(value) ?? "null") as unknown;
  for (const edit of edits) {
    // Walk to a random node, choosing children by index modulo their count.
    let parent: Record<string, unknown> | unknown[] | undefined;
    let key: string | number | undefined;
    let node = root;
    for (const step of edit.path) {
      if (typeof node !== "object" || node === null) break;
      const keys: Array<string | number> = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
      if (!keys.length) break;
      parent = node as Record<string, unknown>;
      key = keys[step % keys.length]!;
      node = (parent as Record<string | number, unknown>)[key];
    }
    const swapType = (v: unknown): unknown =>
      typeof v === "string"
        ? v.length
        : typeof v === "number"
          ? String(v)
          : typeof v === "boolean"
            ? Number(v)
            : Array.isArray(v)
              ? { ...v }
              : v === null
                ? {}
                : Object.values(v as object);
    if (edit.kind === 0 && parent !== undefined && key !== undefined) {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
    } else if (edit.kind === 1) {
      if (parent === undefined || key === undefined) root = swapType(root);
      else (parent as Record<string | number, unknown>)[key] = swapType(node);
    } else if (edit.kind === 2) {
      if (parent === undefined || key === undefined) root = edit.with;
      else (parent as Record<string | number, unknown>)[key] = edit.with;
    } else if (typeof node === "object" && node !== null && !Array.isArray(node)) {
      (node as Record<string, unknown>)[`extra${edit.path.length}`] = edit.with;
    }
  }
  return root;
}

function agree(all: Pair[], value: unknown, verdicts: Set<boolean>): boolean {
  const input = JSON.parse(JSON.stringify(value) ?? "null") as unknown;
  for (const p of all) {
    const expected = p.runtime(input);
    assert.equal(
      p.generated(input),
      expected,
      `${p.name}: validateX disagrees with run-time Ajv on ${JSON.stringify(input)}`,
    );
    assert.equal(p.guard(input), expected, `${p.name}: isX disagrees with run-time Ajv on ${JSON.stringify(input)}`);
    verdicts.add(expected);
  }
  return true;
}

test("property (a): random JSON values get one verdict from the generated validators and run-time Ajv", async () => {
  const { pairs: all } = await projectValidators();
  const verdicts = new Set<boolean>();
  fc.assert(
    fc.property(fc.jsonValue(), (value) => agree(all, value, verdicts)),
    { numRuns: RUNS },
  );
  assert.ok(verdicts.has(false));
});

test("property (a): mutated spec examples get one verdict from the generated validators and run-time Ajv", async () => {
  const { pairs: all, examples } = await projectValidators();
  assert.ok(examples.length > 0, "the specs have examples");
  const edit = fc.record({
    path: fc.array(fc.nat(), { maxLength: 4 }),
    kind: fc.nat({ max: 3 }),
    with: fc.jsonValue({ maxDepth: 2 }),
  });
  const verdicts = new Map<string, Set<boolean>>(all.map((p) => [p.name, new Set<boolean>()]));
  fc.assert(
    fc.property(fc.constantFrom(...examples), fc.array(edit, { maxLength: 3 }), (example, edits) => {
      const value = mutate(example, edits);
      for (const p of all) agree([p], value, verdicts.get(p.name)!);
      return true;
    }),
    { numRuns: RUNS },
  );
  // Both verdicts occur for every validator: the examples are valid, their mutations often not.
  for (const [name, seen] of verdicts) assert.deepEqual([...seen].sort(), [false, true], name);
});
