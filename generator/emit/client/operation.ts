/**
 * What the client emitter reads off one operation: which parameters a call takes and how the
 * runtime serializes them, which answers it validates, which errors it types, and how the
 * runtime keys a status. The stubs, their declarations and their documentation agree through
 * these.
 *
 * @module
 */
import { errorStatus, exactStatus } from "../../model/status.js";
import type { OperationModel, ParameterModel } from "../../model/types.js";
import { type Code, code, key, list } from "../code.js";
import { CALL_PARAMS } from "../module.js";
import { answerPlan } from "./media.js";

/** Parameters a URL builder takes in `params`: those of the URL (no headers; cookies are the browser's). */
export const URL_PARAMS: ReadonlyArray<ParameterModel["in"]> = ["path", "query"];

/** Whether a call takes `params`: it has path, query, header or cookie parameters. */
export const hasParams = (op: OperationModel): boolean => op.parameters.some((p) => CALL_PARAMS.includes(p.in));

/** Whether a call needs the runtime's `prepareRequest`: it sends a body or header parameters. */
export const prepares = (op: OperationModel): boolean =>
  op.requestBody !== undefined || op.parameters.some((p) => p.in === "header" || p.in === "cookie");

/** Parameters the runtime serializes. */
export const serializedParams = (op: OperationModel): ParameterModel[] =>
  op.parameters.filter((p) => CALL_PARAMS.includes(p.in));

/** A parameter's non-default OpenAPI serialization, as the descriptor's `styles` entry; undefined for none. */
export function styleEntry(p: ParameterModel): Code | undefined {
  const defaultStyle = p.in === "query" || p.in === "cookie" ? "form" : "simple";
  const fields = [
    ...(p.style !== defaultStyle ? [code`style: ${p.style}`] : []),
    ...(p.explode !== (p.style === "form") ? [code`explode: ${p.explode}`] : []),
    ...(p.allowReserved ? [code`allowReserved: true`] : []),
  ];
  return fields.length ? code`${key(p.key)}: { ${list(fields)} }` : undefined;
}

/**
 * Whether a call needs the runtime's `serializeParams`: a cookie, structured, non-default style
 * or renamed parameter.
 */
export const serializes = (op: OperationModel): boolean =>
  serializedParams(op).some(
    (p) => p.in === "cookie" || p.structured || styleEntry(p) !== undefined || p.key !== p.name,
  );

/** The named JSON bodies of an operation's failure statuses (`404`), ranges (`4XX`) and `default`: its typed errors. */
export const errorBodies = (op: OperationModel): OperationModel["responseTypes"] =>
  op.responseTypes.filter((r) => errorStatus(r.status));

/**
 * A status as the runtime looks it up (see `statusKeys` in runtime/index.ts): a number for an
 * exact status, `"4XX"` (upper case, however the spec writes it) for a range, `"default"`.
 */
export const statusValue = (status: string): number | string =>
  exactStatus(status) ? Number(status) : status === "default" ? status : status.toUpperCase();

/** The statuses whose bodies the runtime validates: exact 2xx statuses and the error ones, with a named JSON body. */
export function validatedBodies(op: OperationModel): OperationModel["responseTypes"] {
  const success = (status: string) => exactStatus(status) && status.startsWith("2");
  const bodies = op.responseTypes.filter((r) => success(r.status) || errorStatus(r.status));
  // `4xx` beside `4XX` (one key for the runtime): the first declared is used
  return bodies.filter((r, i) => bodies.findIndex((x) => statusValue(x.status) === statusValue(r.status)) === i);
}

/** Reads its answers with the runtime's readBytes: bytes only (answers of several kinds are readMedia's). */
export const readsBytes = (op: OperationModel): boolean => op.answersBytes && !answerPlan(op);

/**
 * The keys of the error statuses and ranges an operation declares without a JSON body that a
 * broader typed one (`4XX`, `default`) would otherwise cover: the runtime stops at them (`404:
 * null` in `validate`), so a bare 404 is neither checked against nor typed as `default`'s body.
 */
export function untypedErrors(op: OperationModel): Array<number | string> {
  const typed = new Set(errorBodies(op).map((r) => statusValue(r.status)));
  const broader = (status: string) =>
    status === "default" ? [] : exactStatus(status) ? [`${status[0]}XX`, "default"] : ["default"];
  const untyped = op.responses
    .map((r) => r.status)
    .filter((s) => errorStatus(s) && !typed.has(statusValue(s)) && broader(s).some((k) => typed.has(k)));
  return [...new Set(untyped.map(statusValue))];
}

/** Whether an operation declares a range (`4XX`) or `default` error body: its descriptor names `statusKeys`. */
export const rangeErrors = (op: OperationModel): boolean => errorBodies(op).some((r) => !exactStatus(r.status));

/** Whether an operation declares a Matrix-shaped error body (`errcode`), which the runtime throws as MatrixError. */
export const matrixErrors = (op: OperationModel): boolean => op.responses.some((r) => r.matrixError);
