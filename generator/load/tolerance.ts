import type { NormalizedProblem } from "@redocly/openapi-core";
import { NAME_MAPS } from "./keys.js";
import { pointerTokens } from "./locate.js";

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
const DOCUMENTATION_FIELDS = new Set(["description", "summary", "title", "termsOfService", "externalDocs", "contact", "license", "example", "examples"]);

/** A missing documentation field (`The field \`description\` must be present on this level.`). */
const MISSING_DOCUMENTATION = /^The field `(description|summary|title)` must be present on this level\.$/;

/** Whether the token at `i` is a keyword (its parent is no name map such as `properties`). */
const keywordAt = (tokens: string[], i: number) => i === 0 || !NAME_MAPS.has(tokens[i - 1]!);

/** How `generate` tolerates a struct problem, or undefined when the problem stops it. */
export function tolerance(problem: NormalizedProblem): Tolerance | undefined {
  if (problem.ruleId !== "struct") return undefined;
  if (problem.message === NULLABLE_WITHOUT_TYPE) {
    return { kind: "nullable", says: "use `nullable: true` without a sibling `type` (allowed by OpenAPI 3.0; typed and validated as `| null`)" };
  }
  if (MISSING_DOCUMENTATION.test(problem.message)) return { kind: "doc-missing", says: "lack a required description or summary (no output uses it)" };
  const tokens = pointerTokens(problem.location[0]?.pointer ?? "#");
  if (tokens.some((t, i) => DOCUMENTATION_FIELDS.has(t) && keywordAt(tokens, i))) {
    return { kind: "doc-invalid", says: "have a malformed documentation field (description, contact, licence, external docs or example; no output uses it)" };
  }
  return undefined;
}

/**
 * Splits the gate's problems into those that stop `generate` and the warnings for the rest:
 * one line per kind, with a count and the first three places.
 */
export function splitTolerated(problems: NormalizedProblem[], source: string): { errors: NormalizedProblem[]; warnings: string[] } {
  const errors: NormalizedProblem[] = [];
  const kinds = new Map<string, { says: string; at: string[] }>();
  for (const problem of problems) {
    const t = tolerance(problem);
    if (!t) {
      errors.push(problem);
      continue;
    }
    const entry = kinds.get(t.kind) ?? { says: t.says, at: [] };
    entry.at.push(problem.location[0]?.pointer ?? "#");
    kinds.set(t.kind, entry);
  }
  const warnings = [...kinds.values()].map(({ says, at }) => {
    const first = at.slice(0, 3).join(", ");
    return `${source}: ${at.length} place(s) ${says}: ${first}${at.length > 3 ? ", …" : ""}`;
  });
  return { errors, warnings };
}
