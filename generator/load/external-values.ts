import type { NormalizedProblem } from "@redocly/openapi-core";
import { isObject } from "./refs.js";
import type { PolicyResolver } from "./resolver.js";

/**
 * An Example object's `externalValue` names a file or URL that holds the example. Redocly's
 * bundler reads it like a `$ref` (to inline it as `value`) and reports one it cannot read as
 * "Can't resolve $ref", which would stop `generate`. No emitter reads media-type examples, so
 * the output never depends on that file: the bundler's problem is dropped here, and the bundled
 * document keeps the `externalValue` as written. Lint is unchanged (Redocly's lint rules do not
 * check `externalValue`). The read itself stays under the run's `$ref` policy: a URL with remote
 * refs off, or a path outside the root, is still never read.
 */
export async function withoutExternalValueProblems(
  problems: NormalizedProblem[],
  resolver: PolicyResolver,
): Promise<NormalizedProblem[]> {
  const kept: NormalizedProblem[] = [];
  for (const problem of problems) {
    if (!(await atExternalValue(problem, resolver))) kept.push(problem);
  }
  return kept;
}

/** Whether `problem` is the bundler's, at an Example object that has an `externalValue` and no `$ref`. */
async function atExternalValue(problem: NormalizedProblem, resolver: PolicyResolver): Promise<boolean> {
  const loc = problem.location[0];
  if (problem.ruleId !== "bundler" || loc === undefined) return false;
  const node = await resolver.nodeAt(loc);
  return isObject(node) && typeof node.externalValue === "string" && !Object.hasOwn(node, "$ref");
}
