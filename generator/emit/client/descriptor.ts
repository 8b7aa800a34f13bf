/**
 * An operation's descriptor: the object literal a stub hands the runtime, saying where the
 * request goes, how its parameters and body are sent, and how its answers are read and checked.
 * Built with emit/code.ts: spec strings reach it only as literals, names from the model only as
 * checked identifiers.
 *
 * @module
 */
import type { OperationModel } from "../../model/types.js";
import { type Code, code, identifier, key, list } from "../code.js";
import { answerPlan, bodiesField, picksMedia } from "./media.js";
import {
  prepares,
  rangeErrors,
  readsBytes,
  serializedParams,
  serializes,
  statusValue,
  styleEntry,
  untypedErrors,
  validatedBodies,
} from "./operation.js";

/** A descriptor's `validate` entry: `404: validateGetPetResponse404`, `"4XX": validateGetPetResponse4XX`. */
const validatorEntry = (r: { status: string; name: string }): Code =>
  code`${statusValue(r.status)}: ${identifier(`validate${r.name}`)}`;

/** The keys of the parameters in one location, as a descriptor list (`query: ["a", "b"]`), or none. */
function keysIn(op: OperationModel, place: "query" | "header" | "cookie"): Code[] {
  const keys = op.parameters.filter((p) => p.in === place).map((p) => p.key);
  return keys.length ? [code`${identifier(place)}: [${list(keys)}]`] : [];
}

/** Where the request goes and how its parameters are sent. */
function requestFields(op: OperationModel): Code[] {
  const moved = serializedParams(op).filter((p) => p.key !== p.name);
  const styles = serializedParams(op).flatMap((p) => styleEntry(p) ?? []);
  return [
    code`method: ${op.method}`,
    // A server of another origin replaces the client's `baseUrl`; the base path follows either.
    ...(op.serverOrigin !== undefined ? [code`server: ${op.serverOrigin}`] : []),
    ...(op.basePath ? [code`base: ${op.basePath}`] : []),
    code`path: ${op.path}`,
    ...keysIn(op, "query"),
    ...keysIn(op, "header"),
    ...keysIn(op, "cookie"),
    ...(styles.length ? [code`styles: { ${list(styles)} }`] : []),
    ...(serializes(op) ? [code`serialize: serializeParams`] : []),
    ...(moved.length ? [code`wire: { ${list(moved.map((p) => code`${key(p.key)}: ${p.name}`))} }`] : []),
  ];
}

/** How the answers are checked, the body is sent and the answer is read. */
function answerFields(op: OperationModel): Code[] {
  const plan = answerPlan(op);
  // readMedia validates a JSON success answer itself (`jsonAnswers`): another answer is no JSON to validate
  const validated = validatedBodies(op).filter((r) => !plan || !r.status.startsWith("2"));
  const jsonAnswers = validatedBodies(op)
    .filter((r) => r.status.startsWith("2"))
    .map(validatorEntry);
  const checks = [...validated.map(validatorEntry), ...untypedErrors(op).map((status) => code`${status}: null`)];
  const picks = picksMedia(op);
  return [
    // The runtime picks a validator by the exact status, then (for an error) its range and `default`;
    // a success range (`2XX`) body is not validated.
    ...(checks.length ? [code`validate: { ${list(checks)} }`] : []),
    ...(rangeErrors(op) ? [code`statuses: statusKeys`] : []),
    ...(picks ? [bodiesField(op)] : []),
    ...(op.requestBody?.json && !picks ? [code`json: true`] : []),
    ...(op.requestBody?.contentType && !picks ? [code`bodyType: ${op.requestBody.contentType}`] : []),
    ...(picks ? [code`prepare: prepareBody`] : prepares(op) ? [code`prepare: prepareRequest`] : []),
    ...(readsBytes(op) ? [code`read: readBytes`] : []),
    ...(plan ? [code`read: readMedia`, code`media: ${plan.media}`] : []),
    ...(plan?.json ? [code`jsonAnswers: { ${list(jsonAnswers)} }`] : []),
  ];
}

/** The descriptor's fields, in a fixed order: request, redirect and cache, answers. */
export function descriptorFields(op: OperationModel, cached: boolean): Code[] {
  return [
    ...requestFields(op),
    ...(op.redirect ? [code`redirect: true`] : []),
    ...(cached ? [code`cache: true`] : []),
    ...answerFields(op),
  ];
}
