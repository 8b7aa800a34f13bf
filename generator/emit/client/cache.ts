/**
 * Which operations the runtime may cache: only those the project names, and only if their
 * answers are JSON data a shared HTTP cache could keep (see README, Caching).
 *
 * @module
 */
import type { OperationModel, SpecModel } from "../../model/types.js";
import { answerPlan } from "./media.js";

/** Whether the runtime can cache an operation's answers: a GET of JSON data (not a redirect, bytes or a stream). */
const cacheable = (op: OperationModel) => op.method === "GET" && !op.redirect && !op.answersBytes && !answerPlan(op);

/**
 * The operations whose descriptors say `cache: true`: those the config's `cache` lists (by
 * operationId or function name) or that say `x-specgen-cache: true`, if cacheable. Nothing is
 * cached by default: an answer may be personal, and only the project knows which are not.
 */
export function cachedOperations(
  specs: readonly SpecModel[],
  listed: readonly string[],
  warnings: string[],
): Set<OperationModel> {
  const cached = new Set<OperationModel>();
  const found = new Set<string>();
  for (const op of specs.flatMap((s) => s.operations)) {
    const names = [op.operationId, op.name].filter((n) => listed.includes(n));
    for (const n of names) found.add(n);
    if (!names.length && !op.cache) continue;
    if (cacheable(op)) cached.add(op);
    else warnings.push(`operation ${op.operationId} is not cached: only a GET answering JSON data can be`);
  }
  for (const name of listed) {
    if (!found.has(name)) warnings.push(`config "cache" names ${JSON.stringify(name)}, which is no operation`);
  }
  return cached;
}
