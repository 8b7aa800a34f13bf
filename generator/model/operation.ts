/**
 * One operation of `paths` or `webhooks`: its names (function, types and their companions),
 * parameters, responses, request body, server and Matrix notes.
 *
 * @module
 */
import { isObject } from "../load/refs.js";
import { SpecError } from "../errors.js";
import type { Warn } from "../warnings.js";
import { shownPointer } from "./located.js";
import { isJsonMedia } from "./media.js";
import { camelCase, type NameTable, pascalCase } from "./names.js";
import { collectParameters, separateParamKeys } from "./parameters.js";
import { requestBodyOf } from "./request-body.js";
import { collectResponses } from "./responses.js";
import type { ServerResolver } from "./servers.js";
import { errorStatus } from "./status.js";
import type { OperationModel, ParameterModel, ResponseModel } from "./types.js";

/** The HTTP methods a path item may hold, in the order operations are listed. */
export const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** What every operation of one document shares while it is modelled. */
export interface OperationContext {
  source: string;
  document: Record<string, unknown>;
  /** Names of operations and their derived types. */
  names: NameTable;
  /** Names of component types, claimed first. */
  types: NameTable;
  /** Each operationId seen, with where it was seen, for the uniqueness check. */
  operationIds: Map<string, string>;
  warn: Warn;
  servers: ServerResolver;
}

/** Where one operation is written. */
export interface OperationPlace {
  root: "paths" | "webhooks";
  /** Its key under `paths` or `webhooks`. */
  pathKey: string;
  /** The path requests use (for a webhook, its key). */
  path: string;
  /** The path item. */
  item: Record<string, unknown>;
  /** Where the path item is written (itself, or the component its `$ref` names): error pointers name that place. */
  at: string[];
  method: (typeof METHODS)[number];
}

/** One operation of `paths` or `webhooks`: named, its parameters, responses and request body collected. */
export function operationOf(ctx: OperationContext, place: OperationPlace): OperationModel {
  const { document, names, types, warn, servers } = ctx;
  const { root, pathKey, path, item, method } = place;
  const op = item[method] as Record<string, unknown>;
  const where = describe(place);
  const specId = typeof op.operationId === "string" ? op.operationId : undefined;
  const operationId = specId ?? `${method} ${path}`;
  if (specId !== undefined) claimOperationId(ctx, place, specId);
  const parameters = collectParameters(document, item.parameters, op.parameters);
  separateParamKeys(parameters, (m) => warn(`${where}: ${m}`));
  checkPathParameterNames(ctx, place, parameters);
  const responses = collectResponses(document, [root, pathKey, method, "responses"], op.responses);
  const redirect = root === "paths" && onlyRedirects(responses);
  const typeName = claimTypeName(ctx, place, { operationId, specId, parameters, responses, redirect });
  const claimBeside = (name: string, what: string) => names.claim(name, what, [], (n) => types.holder(n));
  const responseTypes = responses
    .filter((r) => r.jsonSchemaPointer)
    .map((r, i) => ({
      status: r.status,
      name: claimBeside(
        responseTypeName(typeName, r.status, i),
        `response ${r.status} of ${JSON.stringify(operationId)}`,
      ),
    }));
  const requestBody = requestBodyOf(document, op.requestBody, [root, pathKey, method, "requestBody"]);
  if (requestBody?.jsonSchemaPointer)
    requestBody.name = claimBeside(`${typeName}Body`, `request body of ${JSON.stringify(operationId)}`);
  // The nearest non-empty `servers` (operation, path item, document) decides the base URL.
  const { basePath, serverOrigin } = servers.forOperation(op.servers, item.servers, where);
  return {
    operationId,
    ...(specId !== undefined && { specOperationId: specId }),
    root,
    name: camelCase(typeName),
    typeName,
    method: method.toUpperCase(),
    pathKey,
    path,
    basePath,
    ...(serverOrigin !== undefined && { serverOrigin }),
    parameters,
    responses,
    ...(requestBody && { requestBody }),
    redirect,
    answersBytes: answersBytes(responses),
    ...cacheOf(op, where, warn),
    responseTypes,
    deprecated: op.deprecated === true,
    ...notes(op),
  };
}

/** How messages name an operation: `GET /path`, or a webhook by its key and method. */
function describe({ root, pathKey, path, method }: OperationPlace): string {
  const verb = method.toUpperCase();
  return root === "paths" ? `${verb} ${path}` : `webhook ${JSON.stringify(pathKey)} (${verb})`;
}

/** Records a spec's operationId, refusing a repeat: openapi-typescript keys its `operations` interface by it. */
function claimOperationId(ctx: OperationContext, place: OperationPlace, specId: string): void {
  const prior = ctx.operationIds.get(specId);
  if (prior) {
    const message = `operationId ${JSON.stringify(specId)} is also used by ${prior}; operationIds must be unique`;
    const pointer = shownPointer([...place.at, place.method, "operationId"]);
    throw new SpecError(message, ctx.source, undefined, undefined, pointer);
  }
  const { root, method, pathKey } = place;
  ctx.operationIds.set(
    specId,
    root === "paths" ? `${method.toUpperCase()} ${JSON.stringify(pathKey)}` : describe(place),
  );
}

/** The runtime fills `{name}` placeholders with a regex that stops at braces and line breaks. */
function checkPathParameterNames(ctx: OperationContext, place: OperationPlace, parameters: ParameterModel[]): void {
  if (place.root !== "paths") return;
  const bad = parameters.find((p) => p.in === "path" && /[{}\r\n\u2028\u2029]/.test(p.name));
  if (bad === undefined) return;
  const message =
    `path parameter name ${JSON.stringify(bad.name)} contains a brace or line break, ` +
    "so no request can fill its placeholder";
  throw new SpecError(
    message,
    ctx.source,
    undefined,
    undefined,
    shownPointer([...place.at, place.method, "parameters"]),
  );
}

/** Only redirects (3xx with a Location header) among the successes: a navigation target rather than data. */
function onlyRedirects(responses: ResponseModel[]): boolean {
  const success = responses.filter((r) => /^[23]/.test(r.status));
  return (
    success.length > 0 &&
    success.every((r) => r.status.startsWith("3") && r.headers.some((h) => h.name.toLowerCase() === "location"))
  );
}

/**
 * The operation's PascalCase type prefix, claimed with the names its modules declare beside it;
 * an operation without an operationId, or whose operationId had to change, is reported.
 */
function claimTypeName(
  { names, types, warn }: OperationContext,
  place: OperationPlace,
  op: {
    operationId: string;
    specId?: string | undefined;
    parameters: ParameterModel[];
    responses: ResponseModel[];
    redirect: boolean;
  },
): string {
  const { root } = place;
  // The client module also declares `<name>Operation` (and `<name>Url` for redirects).
  // The types module also declares `<Op>Params`, `<Op>Path` and `<Op>Query` (see emit/module.ts),
  // and the client `<Op>Error` (and `is<Op>Error`) for declared JSON error bodies: none of them
  // may be a component's name.
  const paramTypes = [
    ...(op.parameters.length ? ["Params"] : []),
    ...(op.parameters.some((p) => p.in === "path") ? ["Path"] : []),
    ...(op.parameters.some((p) => p.in === "query") ? ["Query"] : []),
  ];
  const typedErrors = op.responses.some((r) => errorStatus(r.status) && r.jsonSchemaPointer);
  const errorTypes = root === "paths" && typedErrors ? ["Error"] : [];
  const clientNames = root === "webhooks" ? [] : op.redirect ? ["Operation", "Url"] : ["Operation"];
  const companions = [...clientNames, ...paramTypes, ...errorTypes];
  const componentOf = (n: string) =>
    [...paramTypes, ...errorTypes].map((suffix) => types.holder(n + suffix)).find(Boolean);
  const { operationId, specId } = op;
  const typeName = names.claim(
    pascalCase(operationId),
    `operation ${JSON.stringify(operationId)}`,
    companions,
    componentOf,
  );
  const name = camelCase(typeName);
  if (specId === undefined) {
    const from = root === "paths" ? `${name} from method and path` : `${typeName} from method and name`;
    warn(`${describe(place)} has no operationId; named ${from}`, "no-operation-id");
  } else if (root === "paths" && name !== lowerFirst(operationId)) {
    // Functions are camelCase: `GetPets` becoming `getPets` is the rule, not a rename to report.
    const renamed = `its function is ${name}, its types ${typeName}…`;
    warn(`operation ${JSON.stringify(operationId)} is not a free identifier; ${renamed}`, "operation-renamed");
  }
  return typeName;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** A JSON response's type name: `<Op>Response` for the first when it is a 2xx, else with its status. */
function responseTypeName(typeName: string, status: string, index: number): string {
  return `${typeName}Response${index === 0 && status.startsWith("2") ? "" : status.replace(/[^A-Za-z0-9]/g, "")}`;
}

/** Its 2xx responses with content have no JSON media type (media downloads): the body is bytes. */
function answersBytes(responses: ResponseModel[]): boolean {
  const withContent = responses.filter((r) => r.status.startsWith("2") && r.media.length);
  return withContent.length > 0 && withContent.every((r) => !r.media.some((t) => isJsonMedia(t)));
}

/** `x-specgen-cache: true` (see the runtime); any other value than a boolean is reported and not cached. */
function cacheOf(op: Record<string, unknown>, where: string, warn: Warn): Pick<OperationModel, "cache"> {
  const cache = op["x-specgen-cache"];
  if (cache !== undefined && typeof cache !== "boolean")
    warn(`${where}: x-specgen-cache must be true or false; not cached`);
  return cache === true ? { cache } : {};
}

/** The operation's prose and Matrix version notes, where written. */
function notes(op: Record<string, unknown>): Pick<OperationModel, "summary" | "description" | "since" | "changed"> {
  const since = op["x-addedInMatrixVersion"];
  return {
    ...(typeof op.summary === "string" && { summary: op.summary }),
    ...(typeof op.description === "string" && { description: op.description }),
    ...((typeof since === "string" || typeof since === "number") && { since: String(since) }),
    ...(isObject(op["x-changedInMatrixVersion"]) && { changed: changedNotes(op["x-changedInMatrixVersion"]) }),
  };
}

/** `x-changedInMatrixVersion`'s notes that are text, by version (own keys into a null-prototype record). */
function changedNotes(raw: Record<string, unknown>): Record<string, string> {
  const notes: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [version, note] of Object.entries(raw)) if (typeof note === "string") notes[version] = note;
  return notes;
}
