/**
 * What `specgen validate <spec>#<selector>` checks against: the spec file and the selector split
 * apart, and the selector read as an operation's (or webhook's) JSON body or a named schema.
 *
 * @module
 */
import type { ValidatorTarget } from "../emit/validators/targets.js";
import type { OperationModel, SpecModel } from "../model/types.js";
import { UsageError } from "./errors.js";

/** `<spec>#<selector>` split at its last `#`, or undefined when either side is empty. */
export function splitTarget(target: string): { specPath: string; selector: string } | undefined {
  const hash = target.lastIndexOf("#");
  if (hash <= 0 || hash === target.length - 1) return undefined;
  return { specPath: target.slice(0, hash), selector: target.slice(hash + 1) };
}

/**
 * The target named by `selector`: an operationId (its first 2xx JSON response, or for a
 * webhook its request body; `operationId:status`, or `operationId:body` for the request
 * body), a schema name, or a generated type name.
 */
export function selectTarget(spec: SpecModel, targets: readonly ValidatorTarget[], selector: string): ValidatorTarget {
  const all = [...spec.operations, ...spec.webhooks];
  const colon = selector.lastIndexOf(":");
  const [opId, status] =
    all.some((o) => o.operationId === selector) || colon < 0
      ? [selector, undefined]
      : [selector.slice(0, colon), selector.slice(colon + 1)];
  const op = all.find((o) => o.operationId === opId);
  if (op) return operationTarget(op, targets, status);
  // A component is also found by its key as written (`pet-status`, whose type is `PetStatus`).
  const component = spec.schemas.find((s) => s.component === selector)?.name;
  const byName = targets.find((t) => t.name === selector) ?? targets.find((t) => t.name === component);
  if (byName) return byName;
  throw new UsageError(
    `no operation or schema named ${JSON.stringify(selector)} in ${spec.source}; ` +
      `available: ${available(spec, targets)}`,
  );
}

/** The body of `op` a selector names: `status`, else a webhook's request or an operation's 2xx answer. */
function operationTarget(
  op: OperationModel,
  targets: readonly ValidatorTarget[],
  status: string | undefined,
): ValidatorTarget {
  const mine = targets.filter((t) => t.operationId === op.operationId);
  const webhook = op.root === "webhooks";
  // A webhook's own document is the request it carries; an operation's, its 2xx response.
  const wanted = (t: ValidatorTarget) => (webhook ? t.status === "body" : t.status?.startsWith("2"));
  const found = status === undefined ? mine.find(wanted) : mine.find((t) => t.status === status);
  if (found) return found;
  const has = mine.map((t) => t.status).join(", ") || "none";
  const asked = status ?? (webhook ? "body" : "2xx");
  const missing = asked === "body" ? "JSON request body" : `${asked} JSON response`;
  throw new UsageError(
    `${webhook ? "webhook" : "operation"} ${op.operationId} has no ${missing} (JSON bodies: ${has})`,
  );
}

/** The selectors a spec offers, for the error that names none of them. */
function available(spec: SpecModel, targets: readonly ValidatorTarget[]): string {
  const names: string[] = [];
  for (const op of [...spec.operations, ...spec.webhooks]) {
    const statuses = targets.filter((t) => t.operationId === op.operationId).map((t) => t.status);
    if (statuses.length) names.push(`${op.operationId} (${statuses.join(", ")})`);
  }
  for (const t of targets) if (t.operationId === undefined) names.push(t.name);
  return names.join(", ") || "none (the spec has no JSON response or named schema)";
}
