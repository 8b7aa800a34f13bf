import {
  bundle,
  createConfig,
  lint,
  Source,
  type Config,
  type Document,
  type NormalizedProblem,
} from "@redocly/openapi-core";
import { Struct } from "@redocly/openapi-core/lib/rules/common/struct.js";
import { patternProblems, patternValid } from "../lint/patterns.js";
import { withoutExternalValueProblems } from "./external-values.js";
import { MappingNames, UnresolvedRefs } from "./mapping-names.js";
import type { RefPolicy } from "./policy.js";
import { explainRefCycle, PolicyResolver } from "./resolver.js";
import type { SpecFile } from "./read.js";
import { schemaFiles, tolerance } from "./tolerance.js";
import { walk, type Place } from "./walk.js";

let structConfig: Promise<Config> | undefined;
let gateConfig: Promise<Config> | undefined;

// The gate also refuses regexes that no validator can compile: Ajv would otherwise throw
// from inside an emitter, with no file or line.
// Unresolved references as Redocly's rule reports them, discriminator mappings as OpenAPI reads
// them (mapping-names.ts).
const gatePlugin = {
  id: "specgen",
  rules: { oas3: { "pattern-valid": patternValid, "unresolved-refs": UnresolvedRefs } },
};

/**
 * The same gate as decorators of Redocly's bundle walk, so that a spec is resolved and walked
 * once rather than twice (a lint, then the bundle); that second pass was a third of the model's
 * time on a 2 MB spec. Unresolved `$ref`s are the bundler's own report; discriminator mappings,
 * which the bundler does not resolve, are checked (and their schema names made references) by
 * mapping-names.ts.
 */
const GATE = "specgen-gate";
const gateDecorators = {
  id: GATE,
  decorators: {
    oas3: {
      struct: Struct,
      "pattern-valid": patternValid,
      "discriminator-refs": MappingNames,
    },
  },
};
/** What the gate's problems are called when a lint reports them. */
const GATE_RULE_IDS: Readonly<Record<string, string>> = {
  [`${GATE}/struct`]: "struct",
  [`${GATE}/pattern-valid`]: "specgen/pattern-valid",
  [`${GATE}/discriminator-refs`]: "no-unresolved-refs",
  "specgen/unresolved-refs": "no-unresolved-refs",
  bundler: "no-unresolved-refs",
};
const errors = (problems: NormalizedProblem[]): NormalizedProblem[] =>
  problems
    .filter((p) => p.severity === "error")
    .map((p) => (Object.hasOwn(GATE_RULE_IDS, p.ruleId) ? { ...p, ruleId: GATE_RULE_IDS[p.ruleId]! } : p));

/** A document Redocly did not parse itself: JSON text and the value it stands for. */
function jsonDocument(value: unknown, absoluteRef: string): Document {
  const text = JSON.stringify(value, null, 1);
  return { source: new Source(absoluteRef, text), parsed: JSON.parse(text) as unknown };
}

/**
 * How deeply one file may nest for `generate`: the TypeScript printer behind the types emitter
 * recurses once per nested type and overflows the stack at about 350 schema levels (700 levels
 * of JSON, `properties` and the property name being two). Bundling keeps `$ref`s, so each file's
 * own nesting is what the emitters see. Lint is not limited by this (read.ts allows 1,200).
 */
const MAX_GENERATE_DEPTH = 512;

/** The pointer of the first node nested deeper than `limit` levels, or undefined; iterative. */
function tooDeepAt(doc: unknown, limit: number): string | undefined {
  let found: string | undefined;
  const check = (place: Place) => {
    if (place.depth <= limit) return undefined;
    found = place.pointer();
    return "stop" as const;
  };
  // Every key counts here, data and extensions too: the printers nest whatever is there.
  walk(doc, check, { names: false, skip: () => false });
  return found;
}

/** The documents a resolver has read (those it could). */
async function documentsRead(resolver: PolicyResolver): Promise<Document[]> {
  const docs: Document[] = [];
  for (const pending of resolver.cache.values()) {
    const doc = await pending.catch(() => undefined);
    if (doc && !(doc instanceof Error)) docs.push(doc);
  }
  return docs;
}

/** One problem per document that nests deeper than MAX_GENERATE_DEPTH. */
function depthProblems(docs: Iterable<Document>): NormalizedProblem[] {
  const problems: NormalizedProblem[] = [];
  for (const doc of docs) {
    const at = tooDeepAt(doc.parsed, MAX_GENERATE_DEPTH);
    if (at === undefined) continue;
    problems.push({
      ruleId: "generate-depth",
      severity: "error",
      message:
        `Nested more than ${MAX_GENERATE_DEPTH} levels deep here: the types emitter (the TypeScript printer) ` +
        "cannot print types this deep (about 256 schema levels are supported); move inner schemas to " +
        "components and `$ref` them.",
      location: [{ source: doc.source, pointer: `#${at}`, reportOnKey: true }],
      suggest: [],
    });
  }
  return problems;
}

/** What the gate and bundler make of one OpenAPI file. */
export interface Gated {
  document: Record<string, unknown>;
  /** The problems that stop `generate`. */
  problems: NormalizedProblem[];
  /** The struct problems tolerated with a warning (see tolerance.ts). */
  tolerated: NormalizedProblem[];
  /** The context of a problem in another file (see `schemaFiles` in tolerance.ts). */
  within: (problem: NormalizedProblem) => readonly string[];
  files: string[];
}

const nowhere = () => [];

/**
 * Bundles one OpenAPI file with Redocly, keeping `$ref`s (external files become named
 * components), and runs the structural (`struct`) rule as the gate before any emitter.
 * With `overlaid` (the document after its overlays), the file itself is gated (so problems
 * point at its real lines) and the overlaid document is gated and bundled in its place.
 * Every file is read through `policy` (see policy.ts). `files` lists the documents read: paths,
 * and the URLs of remote ones (only with remote refs allowed).
 * `read` is the file's text and parse, if read.ts has them; bundling rewrites that parse.
 */
export async function bundleOpenApi(
  path: string,
  overlaid: unknown,
  policy: RefPolicy,
  read?: { text: string; doc: unknown },
): Promise<Gated> {
  try {
    return await gateAndBundle(path, overlaid, policy, read);
  } catch (err) {
    throw explainRefCycle(err, path, policy);
  }
}

async function gateAndBundle(
  path: string,
  overlaid: unknown,
  policy: RefPolicy,
  read?: { text: string; doc: unknown },
): Promise<Gated> {
  structConfig ??= createConfig({
    rules: { struct: "error", "specgen/unresolved-refs": "error", "specgen/pattern-valid": "error" },
    plugins: [gatePlugin],
  } as Parameters<typeof createConfig>[0]);
  gateConfig ??= createConfig({
    decorators: Object.fromEntries(Object.keys(gateDecorators.decorators.oas3).map((id) => [`${GATE}/${id}`, "on"])),
    plugins: [gateDecorators],
  } as Parameters<typeof createConfig>[0]);
  // One resolver for the file and its refs, so each is parsed once. Not shared across files:
  // bundling rewrites `$ref`s in the resolver's cached documents.
  const resolver = new PolicyResolver(policy);
  // The file as read.ts has parsed it (with Redocly's YAML schema): Redocly starts from that
  // rather than reading and parsing it again. Bundling rewrites this copy's `$ref`s.
  if (read) resolver.cache.set(path, Promise.resolve({ source: new Source(path, read.text), parsed: read.doc }));
  const lintFile = async (r: PolicyResolver) =>
    r.explain(errors(await lint({ ref: path, config: await structConfig!, externalRefResolver: r })));
  let doc: Document | undefined;
  // With overlays, the gate judges the document after them (an overlay may repair the file), but
  // the file itself is linted first, so that a problem it still has points at its real lines.
  let own: NormalizedProblem[] = [];
  if (overlaid !== undefined) {
    own = await lintFile(resolver);
    own.push(...depthProblems(await documentsRead(resolver)));
    // Built here rather than with Redocly's makeDocumentFromString, whose YAML parser stops at
    // 100 levels of nesting.
    doc = jsonDocument(overlaid, path);
    resolver.cache.set(path, Promise.resolve(doc));
  }
  let result: Awaited<ReturnType<typeof bundle>>;
  try {
    result = await bundle({
      ...(doc ? { doc } : { ref: path }),
      config: await gateConfig,
      dereference: false,
      externalRefResolver: resolver,
    });
  } catch (err) {
    // A document broken enough to throw inside the bundler: the lint says where.
    const problems = stopping(await lintFile(new PolicyResolver(policy)), nowhere);
    if (problems.length) return { document: {}, problems, tolerated: [], within: nowhere, files: [] };
    throw err;
  }
  return gated(result, path, own, resolver);
}

/** The gate's verdict on a bundled file: its problems, or its document and the files read. */
async function gated(
  result: Awaited<ReturnType<typeof bundle>>,
  path: string,
  own: NormalizedProblem[],
  resolver: PolicyResolver,
): Promise<Gated> {
  const all = await resolver.explain(errors(await withoutExternalValueProblems(result.problems, resolver)));
  const within = schemaFiles(result.refTypes, path);
  const problems = stopping(all, within);
  const read = await documentsRead(resolver);
  problems.push(...depthProblems(read));
  const ownStopping = stopping(own, within);
  if (problems.length)
    return { document: {}, problems: ownStopping.length ? ownStopping : problems, tolerated: [], within, files: [] };
  const tolerated = all.filter((p) => tolerance(p, within(p)) !== undefined);
  const document = result.bundle.parsed as Record<string, unknown>;
  // The files read, not Redocly's `fileDependencies`: those also list what it failed to read
  // (an example's `externalValue` that is missing, refused or outside the root, see
  // external-values.ts), which the stamp must not hash.
  return { document, problems, tolerated, within, files: read.map((d) => d.source.absoluteRef) };
}

/** The problems that stop `generate` (see tolerance.ts for those that only warn). */
const stopping = (problems: NormalizedProblem[], within: Gated["within"]) =>
  problems.filter((p) => tolerance(p, within(p)) === undefined);

/**
 * Bundles the synthetic OpenAPI document that wraps a bare JSON Schema file (`file`), resolving
 * its relative `$ref`s from the file's folder under `policy`. Invalid regexes in the file and in
 * every file it reaches are problems located in those files.
 */
export async function bundleSchema(
  synthetic: unknown,
  file: SpecFile,
  policy: RefPolicy,
): Promise<{ document: Record<string, unknown>; problems: NormalizedProblem[]; files: string[] }> {
  const resolver = new PolicyResolver(policy);
  const doc = jsonDocument(synthetic, file.path);
  const config = await createConfig({});
  const bundled = bundle({ doc, config, dereference: false, externalRefResolver: resolver });
  const result = await bundled.catch((err: unknown) => {
    throw explainRefCycle(err, file.path, policy);
  });
  const problems = await resolver.explain(result.problems.filter((p) => p.severity === "error"));
  // The schema file as written, and every file its `$ref`s reached.
  const own: Document = { source: new Source(file.path, file.text), parsed: file.doc };
  const read = await documentsRead(resolver);
  const docs = [own, ...read.filter((d) => d.source.absoluteRef !== file.path)];
  problems.push(...depthProblems(docs));
  for (const doc of docs) problems.push(...patternProblems(doc.source.absoluteRef, doc.source.body, doc.parsed, false));
  // The files read (see gated): not what Redocly failed to read.
  const files = read.map((d) => d.source.absoluteRef);
  return { document: result.bundle.parsed as Record<string, unknown>, problems, files };
}
