import { dirname, relative } from "node:path";
import type { NormalizedProblem } from "@redocly/openapi-core";
import { NAME_MAPS } from "./keys.js";
import { pointerTokens } from "./pointer.js";

/**
 * Structural problems that do not stop `generate`: real specs carry them, and no emitter reads
 * the value in question, or the emitters read it the way the OpenAPI specification means it.
 * Each becomes one summarized warning per kind and spec; `lint` still reports them (the nullable
 * one as a warning, being Redocly's opinion rather than the specification's).
 */
export interface Tolerance {
  /** Groups the warnings. */
  kind: string;
  /** The warning's text after the count, e.g. "use `nullable` without a sibling `type`". */
  says: string;
}

/**
 * Redocly's struct rule requires `type` beside `nullable` in OpenAPI 3.0. The 3.0 specification
 * does not: Stripe and GitHub write `anyOf: [$ref]` + `nullable: true`, which load/oas30.ts
 * reads (for the validators) as openapi-typescript types it, `| null`.
 */
export const NULLABLE_WITHOUT_TYPE = "The `type` field must be defined when the `nullable` field is used.";

/** Fields no emitter reads: prose and examples (examples are lint's business). */
const DOCUMENTATION_FIELDS = new Set([
  "description",
  "summary",
  "title",
  "termsOfService",
  "externalDocs",
  "contact",
  "license",
  "example",
  "examples",
]);

/** A missing documentation field (`The field \`description\` must be present on this level.`). */
const MISSING_DOCUMENTATION = /^The field `(description|summary|title)` must be present on this level\.$/;

/** Whether the token at `i` is a keyword (its parent is no name map such as `properties`). */
const keywordAt = (tokens: string[], i: number) => i === 0 || !NAME_MAPS.has(tokens[i - 1]!);

/** Redocly's message for a key its struct rule does not know where it stands. */
const UNEXPECTED = /^Property `(.+)` is not expected here\.$/;

/** The kind of an unknown keyword's warning is this and the keyword. */
const IGNORED = "unknown-keyword:";

/** Draft 2019-09 keywords that 2020-12 replaced and Ajv still implements. */
const DRAFT_2019 = new Set(["$recursiveRef", "$recursiveAnchor"]);

/** Objects inside a schema that are no schema themselves: an unknown key there is not a keyword. */
const SCHEMA_PARTS = new Set(["discriminator", "xml", "externalDocs"]);

/**
 * Whether the key at `tokens` stands in a Schema Object: below a `schema` keyword or a
 * `components/schemas` entry, and directly in no discriminator, XML or external-docs object.
 */
function inSchema(tokens: string[]): boolean {
  const owner = tokens.length >= 2 ? tokens[tokens.length - 2]! : "";
  if (SCHEMA_PARTS.has(owner) && keywordAt(tokens, tokens.length - 2)) return false;
  return tokens.some(
    (t, i) =>
      i < tokens.length - 1 &&
      keywordAt(tokens, i) &&
      (t === "schema" || (t === "schemas" && tokens[i - 1] === "components")),
  );
}

/**
 * Keywords that OpenAPI 3.0 or older drafts defined and 3.1 (JSON Schema 2020-12) does not,
 * read here as 3.0 reads them: a boolean `nullable` admits null (load/oas30.ts), in the types
 * (openapi-typescript) and the validators alike. Every other unknown keyword in a Schema
 * Object (`optional`, `min_items`) has no unambiguous reading: the validators ignore it, as
 * JSON Schema says of unknown keywords, with the warning. Draft 2019-09's `$recursiveRef` and
 * `$recursiveAnchor` are Ajv's own: followed.
 */
function unknownKeyword(problem: NormalizedProblem, tokens: string[]): Tolerance | undefined {
  const last = tokens[tokens.length - 1];
  const bound = (last === "exclusiveMinimum" || last === "exclusiveMaximum") && keywordAt(tokens, tokens.length - 1);
  if (bound && problem.message === "Expected type `number` but got `boolean`." && inSchema(tokens)) {
    const says = "use OpenAPI 3.0's boolean `exclusiveMinimum`/`exclusiveMaximum` (read as 3.0 reads it)";
    return { kind: "exclusive-31", says };
  }
  const name = UNEXPECTED.exec(problem.message)?.[1];
  if (name === undefined || !inSchema(tokens)) return undefined;
  if (name === "nullable") {
    return { kind: "nullable-31", says: "use OpenAPI 3.0's `nullable` (read as 3.0 reads it: `true` admits null)" };
  }
  if (DRAFT_2019.has(name)) {
    const says = `use draft 2019-09's \`${name}\` (the validators follow it, as Ajv does)`;
    return { kind: `draft-2019:${name}`, says };
  }
  const says = `use \`${name}\`, no JSON Schema 2020-12 keyword (ignored: an annotation)`;
  return { kind: `${IGNORED}${name}`, says };
}

/**
 * How `generate` tolerates a struct problem, or undefined when the problem stops it. `within`
 * gives the pointer tokens of the Schema Object that holds the problem's file or fragment, when
 * it is another file `$ref`'d as a schema (see schemaFiles): `["schema"]`, so that a problem at
 * `#/nullable` in `pet.yaml` reads as one inside a schema.
 */
export function tolerance(problem: NormalizedProblem, within: readonly string[] = []): Tolerance | undefined {
  if (problem.ruleId !== "struct") return undefined;
  if (problem.message === NULLABLE_WITHOUT_TYPE) {
    return {
      kind: "nullable",
      says: "use `nullable: true` without a sibling `type` (allowed by OpenAPI 3.0; typed and validated as `| null`)",
    };
  }
  if (MISSING_DOCUMENTATION.test(problem.message))
    return { kind: "doc-missing", says: "lack a required description or summary (no output uses it)" };
  const tokens = [...within, ...pointerTokens(problem.location[0]?.pointer ?? "#")];
  const unknown = unknownKeyword(problem, tokens);
  if (unknown) return unknown;
  // Redocly types some vendor extensions (Redoc's `x-code-samples`, `x-logo`, `x-tagGroups`) and
  // checks their shape; other tools define the same names differently (ReadMe's `x-code-samples`
  // entries have a `name`). No output reads those extensions.
  if (tokens.some((t, i) => t.startsWith("x-") && keywordAt(tokens, i))) {
    return {
      kind: "extension-shape",
      says: "have an `x-` extension shaped unlike Redocly's type for it (no output uses it)",
    };
  }
  if (tokens.some((t, i) => DOCUMENTATION_FIELDS.has(t) && keywordAt(tokens, i))) {
    return {
      kind: "doc-invalid",
      says:
        "have a malformed documentation field (description, contact, licence, external docs or example; " +
        "no output uses it)",
    };
  }
  return undefined;
}

/**
 * A ref Redocly records (`<absolute path>#<pointer>`) split at its fragment: the last `#` that
 * starts a pointer, as a file may be named with one (`a#b.yaml`); no fragment where none does.
 */
function splitAtFragment(ref: string): [file: string, fragment: string] {
  const hash = ref.lastIndexOf("#");
  const fragment = hash === -1 ? undefined : ref.slice(hash + 1);
  if (fragment === undefined || (fragment !== "" && !fragment.startsWith("/"))) return [ref, ""];
  return [ref.slice(0, hash), fragment];
}

/**
 * Where, in files other than the root, Redocly's bundler found Schema Objects: a map from each
 * file (or `file#/fragment`) that a `$ref` names as a schema to the fragment's tokens. Redocly
 * reports a problem inside such a file with a pointer from the file's own root, which alone
 * cannot tell a schema keyword from any other key.
 */
export function schemaFiles(refTypes: ReadonlyMap<string, { name: string }> | undefined, root: string) {
  const schemas = new Map<string, string[][]>();
  for (const [ref, type] of refTypes ?? []) {
    if (type.name !== "Schema") continue;
    const [file, fragment] = splitAtFragment(ref);
    if (file === root || file === "") continue;
    schemas.set(file, [...(schemas.get(file) ?? []), pointerTokens(`#${fragment}`)]);
  }
  /** The context tokens for `problem` (see {@link tolerance}). */
  return (problem: NormalizedProblem): string[] => {
    const at = problem.location[0];
    const fragments = at ? schemas.get(at.source.absoluteRef) : undefined;
    if (!at || !fragments) return [];
    const tokens = pointerTokens(at.pointer ?? "#");
    const holds = fragments.some((f) => f.length <= tokens.length && f.every((t, i) => t === tokens[i]));
    return holds ? ["schema"] : [];
  };
}

/**
 * Splits the gate's problems into those that stop `generate` and the warnings for the rest:
 * one line per kind, with a count and the first three places; and the unknown keywords ignored.
 * `within` gives each problem's context (see {@link tolerance}).
 */
export function splitTolerated(
  problems: NormalizedProblem[],
  source: string,
  within: (problem: NormalizedProblem) => readonly string[] = () => [],
  root?: string,
): { errors: NormalizedProblem[]; warnings: string[]; kinds: string[]; ignored: string[] } {
  const errors: NormalizedProblem[] = [];
  const kinds = new Map<string, { says: string; at: string[] }>();
  for (const problem of problems) {
    const t = tolerance(problem, within(problem));
    if (!t) {
      errors.push(problem);
      continue;
    }
    const entry = kinds.get(t.kind) ?? { says: t.says, at: [] };
    const at = problem.location[0];
    // a place in another file than the spec's is named with that file, from the spec's folder
    const file =
      at && root !== undefined && at.source.absoluteRef !== root ? relative(dirname(root), at.source.absoluteRef) : "";
    entry.at.push(`${file}${at?.pointer ?? "#"}`);
    kinds.set(t.kind, entry);
  }
  const warnings = [...kinds.values()].map(({ says, at }) => {
    const first = at.slice(0, 3).join(", ");
    return `${source}: ${at.length} place(s) ${says}: ${first}${at.length > 3 ? ", …" : ""}`;
  });
  // The unknown keywords warned about here, which the validators then read as annotations.
  const ignored = [...kinds.keys()].filter((k) => k.startsWith(IGNORED)).map((k) => k.slice(IGNORED.length));
  return { errors, warnings, kinds: [...kinds.keys()].map((k) => `tolerated:${k}`), ignored };
}
