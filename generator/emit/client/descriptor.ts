/**
 * An operation's descriptor: the object literal a stub hands the runtime, saying where the
 * request goes, how its parameters and body are sent, and how its answers are read and checked.
 * Only spec strings quoted by `JSON.stringify` and names from the model reach it.
 *
 * @module
 */
import type { OperationModel } from "../../model/types.js";
import { literalKey } from "../module.js";
import { answerPlan, bodiesField, picksMedia } from "./media.js";
import {
  prepares,
  q,
  rangeErrors,
  readsBytes,
  serializedParams,
  serializes,
  statusKey,
  styleEntry,
  untypedErrors,
  validatedBodies,
} from "./operation.js";

/** A descriptor's `validate` entry: `404: validateGetPetResponse404`, `"4XX": validateGetPetResponse4XX`. */
const validatorEntry = (r: { status: string; name: string }) => `${statusKey(r.status)}: validate${r.name}`;

/** The keys of the parameters in one location, as a descriptor list (`query: ["a", "b"]`), or none. */
function keysIn(op: OperationModel, place: "query" | "header" | "cookie"): string[] {
  const keys = op.parameters.filter((p) => p.in === place).map((p) => p.key);
  return keys.length ? [`${place}: [${keys.map(q).join(", ")}]`] : [];
}

/** Where the request goes and how its parameters are sent. */
function requestFields(op: OperationModel): string[] {
  const moved = serializedParams(op).filter((p) => p.key !== p.name);
  const styles = serializedParams(op)
    .map(styleEntry)
    .filter((e) => e !== "");
  return [
    `method: ${q(op.method)}`,
    // A server of another origin replaces the client's `baseUrl`; the base path follows either.
    ...(op.serverOrigin !== undefined ? [`server: ${q(op.serverOrigin)}`] : []),
    ...(op.basePath ? [`base: ${q(op.basePath)}`] : []),
    `path: ${q(op.path)}`,
    ...keysIn(op, "query"),
    ...keysIn(op, "header"),
    ...keysIn(op, "cookie"),
    ...(styles.length ? [`styles: { ${styles.join(", ")} }`] : []),
    ...(serializes(op) ? ["serialize: serializeParams"] : []),
    ...(moved.length ? [`wire: { ${moved.map((p) => `${literalKey(p.key)}: ${q(p.name)}`).join(", ")} }`] : []),
  ];
}

/** How the answers are checked, the body is sent and the answer is read. */
function answerFields(op: OperationModel): string[] {
  const plan = answerPlan(op);
  // readMedia validates a JSON success answer itself (`jsonAnswers`): another answer is no JSON to validate
  const validated = validatedBodies(op).filter((r) => !plan || !r.status.startsWith("2"));
  const jsonAnswers = validatedBodies(op)
    .filter((r) => r.status.startsWith("2"))
    .map(validatorEntry);
  const checks = [...validated.map(validatorEntry), ...untypedErrors(op).map((key) => `${key}: null`)];
  const picks = picksMedia(op);
  return [
    // The runtime picks a validator by the exact status, then (for an error) its range and `default`;
    // a success range (`2XX`) body is not validated.
    ...(checks.length ? [`validate: { ${checks.join(", ")} }`] : []),
    ...(rangeErrors(op) ? ["statuses: statusKeys"] : []),
    ...(picks ? [bodiesField(op)] : []),
    ...(op.requestBody?.json && !picks ? ["json: true"] : []),
    ...(op.requestBody?.contentType && !picks ? [`bodyType: ${q(op.requestBody.contentType)}`] : []),
    ...(picks ? ["prepare: prepareBody"] : prepares(op) ? ["prepare: prepareRequest"] : []),
    ...(readsBytes(op) ? ["read: readBytes"] : []),
    ...(plan ? ["read: readMedia", `media: ${q(plan.media)}`] : []),
    ...(plan?.json ? [`jsonAnswers: { ${jsonAnswers.join(", ")} }`] : []),
  ];
}

/** The descriptor's fields, in a fixed order: request, redirect and cache, answers. */
export function descriptorFields(op: OperationModel, cached: boolean): string[] {
  return [
    ...requestFields(op),
    ...(op.redirect ? ["redirect: true"] : []),
    ...(cached ? ["cache: true"] : []),
    ...answerFields(op),
  ];
}
