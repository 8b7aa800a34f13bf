/**
 * The declarations of one spec's client (`client/<module>.d.ts`): each stub's parameters, body
 * and result types, its declared errors and their guard, and a redirect endpoint's URL builder,
 * over the named types of the spec's types module and the runtime's types.
 *
 * @module
 */
import { exactStatus } from "../../model/status.js";
import type { OperationModel, SpecModel } from "../../model/types.js";
import { jsdoc } from "../comment.js";
import { banner, CALL_PARAMS, operationTypeRef, paramsType, relativeImport } from "../module.js";
import { callDoc } from "./call-doc.js";
import { answerPlan, answerType, bodiesInit, mediaImports, picksMedia } from "./media.js";
import { errorBodies, hasParams, q, URL_PARAMS } from "./operation.js";

/** The declared `params` argument, or undefined when the operation has no parameters in `places`. */
function paramsArg(op: OperationModel, places: ReadonlyArray<OperationModel["parameters"][number]["in"]>) {
  const own = op.parameters.filter((p) => places.includes(p.in));
  if (!own.length) return undefined;
  // The call's whole params have their named type (see emit/types/); a URL builder's are made of
  // the named types of its path and query parameters (URL_PARAMS holds these two only).
  const located = (o: OperationModel, place: string) => `${o.typeName}${place === "path" ? "Path" : "Query"}`;
  const type = places === CALL_PARAMS ? `${op.typeName}Params` : paramsType(op, places, located)!;
  // A required body makes `init` required, and no optional parameter may precede a required one.
  const required = own.some((p) => p.required) || (places === CALL_PARAMS && op.requestBody?.required === true);
  return `params${required ? "" : "?"}: ${type}`;
}

/**
 * `<Op>Error`: the union, over the declared failure statuses with a JSON body, of the error
 * thrown (HttpError, or MatrixError for a body with `errcode`) with that status and body type.
 */
function errorType(op: OperationModel): string {
  const members = errorBodies(op).map((r) => {
    const matrix = op.responses.find((x) => x.status === r.status)?.matrixError;
    const thrown = matrix ? "(HttpError | MatrixError)" : "HttpError";
    const status = exactStatus(r.status) ? Number(r.status) : "number";
    return `(${thrown} & { readonly status: ${status}; readonly data: ${r.name} })`;
  });
  return members.join(" | ");
}

/** Declared parameters, those present, comma-separated. */
const argList = (...list: Array<string | undefined>) => list.filter((a) => a !== undefined).join(", ");

/** The declared type of a call's `body`: the named request body type, or what `fetch` sends as is. */
function bodyType(op: OperationModel): string | undefined {
  const body = op.requestBody;
  if (!body) return undefined;
  if (body.name) return body.name;
  // JSON without a schema: openapi-typescript types the media type `unknown`.
  return body.json
    ? `NonNullable<${operationTypeRef(op)}["requestBody"]>["content"][${q(body.mediaType)}]`
    : `NonNullable<RequestInit["body"]>`;
}

/** The declared `init` argument: call options, with the body where there is one. */
function initArg(op: OperationModel): string {
  const body = bodyType(op);
  if (!body) return "init?: CallOptions";
  if (picksMedia(op)) return bodiesInit(op, body);
  return op.requestBody!.required ? `init: CallOptions & { body: ${body} }` : `init?: CallOptions & { body?: ${body} }`;
}

/** Declared response headers of one status, by lower-cased name (the runtime lower-cases them). */
function headerType(op: OperationModel, status: string): string {
  const names = op.responses.find((r) => r.status === status)?.headers ?? [];
  const declared = names.map((h) => `${q(h.toLowerCase())}?: string`).join("; ");
  return declared ? `{ ${declared} } & Record<string, string>` : "Record<string, string>";
}

/** What a call resolves to: a redirect's `Location`, or per success status its body and headers. */
function resultType(op: OperationModel): string {
  const statusOf = (status: string) => (exactStatus(status) ? Number(status) : "number");
  const result = (body: string, status: string) =>
    `(Result<${body}, ${headerType(op, status)}> & { status: ${statusOf(status)} })`;
  const answers = op.responses.filter((r) => r.status.startsWith("2") && r.media.length);
  if (op.redirect) {
    const redirects = op.responses.filter((r) => r.status.startsWith("3"));
    return redirects.map((r) => `RedirectResult<${headerType(op, r.status)}>`).join(" | ") || "RedirectResult";
  }
  if (answerPlan(op)) return answers.map((r) => result(answerType(op, r.status), r.status)).join(" | ");
  if (op.answersBytes) return answers.map((r) => result("Blob", r.status)).join(" | ");
  const success = op.responseTypes.filter((r) => r.status.startsWith("2"));
  return success.length ? success.map((r) => result(r.name, r.status)).join(" | ") : "Result<unknown>";
}

/** `<Op>Error` and its guard `is<Op>Error`, for an operation that declares typed errors. */
function errorDeclarations(op: OperationModel): string[] {
  if (!errorBodies(op).length) return [];
  const id = `\`${op.operationId}\``;
  const typeDoc = jsdoc({
    description: `The errors ${id} declares, by status, with their parsed and validated bodies.`,
  });
  const narrows = "narrows `status` and `data`.";
  const guardDoc = jsdoc({
    description: `Whether \`error\` (e.g. in \`catch\`) is one of the errors ${id} declares: ${narrows}`,
  });
  const guardType = `(error: unknown): error is ${op.typeName}Error`;
  return [
    `${typeDoc}export type ${op.typeName}Error = ${errorType(op)};`,
    `${guardDoc}export declare function is${op.typeName}Error${guardType};`,
  ];
}

/** A redirect endpoint's URL builder, for a browser to navigate to. */
function urlDeclaration(op: OperationModel): string {
  const urlArgs = argList(`client: Pick<ClientOptions, "baseUrl" | "servers">`, paramsArg(op, URL_PARAMS));
  const doc = jsdoc({
    description:
      `The URL to send a browser to for \`${op.operationId}\` (parameters percent-encoded): the browser ` +
      "navigates to it, so the cookies the server sets with its redirect are the browser's own.",
  });
  return `${doc}export declare function ${op.name}Url(${urlArgs}): string;`;
}

/** One operation's declarations: its errors, its stub, and its URL builder. */
function operationDeclarations(op: OperationModel, spec: SpecModel): string[] {
  const args = argList("client: ClientOptions", paramsArg(op, CALL_PARAMS), initArg(op));
  return [
    ...errorDeclarations(op),
    `${callDoc(op, spec)}export declare function ${op.name}(${args}): Promise<${resultType(op)}>;`,
    ...(op.redirect ? [urlDeclaration(op)] : []),
  ];
}

/**
 * The identifiers a piece of the declarations names outside its comments and string literals.
 * A three-token scan (block comment, double-quoted string, identifier) rather than TypeScript's
 * scanner, which the client emitter does not load: it reads only what this module writes, whose
 * comments are {@link jsdoc} blocks (spec text in them cannot end them) and whose strings are
 * `JSON.stringify` literals.
 */
function namedIdentifiers(code: string): Set<string> {
  const names = new Set<string>();
  for (const [token] of code.matchAll(/\/\*[\s\S]*?\*\/|"(?:[^"\\\n]|\\.)*"|[A-Za-z_$][\w$]*/g))
    if (!token.startsWith("/*") && !token.startsWith('"')) names.add(token);
  return names;
}

/**
 * The imports of the declarations, of the names `body` uses only: the runtime's types, its media
 * part's, and the spec's named types (and openapi-typescript's `operations` or `paths`, for a
 * body that has no named type).
 */
function declarationImports(spec: SpecModel, dts: string, js: string, body: string): string[] {
  const used = namedIdentifiers(body);
  const runtimeTypes = ["CallOptions", "ClientOptions", "HttpError", "MatrixError", "Result", "RedirectResult"];
  const typeNames = [
    "operations",
    "paths",
    ...spec.operations.flatMap((op) => [
      ...op.responseTypes.map((r) => r.name),
      ...(op.requestBody?.name ? [op.requestBody.name] : []),
      ...(hasParams(op) ? [`${op.typeName}Params`] : []),
      ...(op.redirect ? [`${op.typeName}Path`, `${op.typeName}Query`] : []),
    ]),
  ].filter((name, i, all) => used.has(name) && all.indexOf(name) === i);
  const media = mediaImports(spec.operations, js);
  const runtime = q(relativeImport(js, "client/runtime.js"));
  return [
    `import type { ${runtimeTypes.filter((n) => used.has(n)).join(", ")} } from ${runtime};`,
    ...(media.dts ? [media.dts] : []),
    ...(typeNames.length
      ? [`import type { ${typeNames.join(", ")} } from ${q(relativeImport(dts, `types/${spec.module}.js`))};`]
      : []),
  ];
}

/** `client/<module>.d.ts` of one spec; `js` is the path of the module it declares. */
export function declarationModule(spec: SpecModel, dts: string, js: string): string {
  const body = spec.operations.flatMap((op) => operationDeclarations(op, spec)).join("\n");
  const lines = [banner(spec.source).trimEnd(), ...declarationImports(spec, dts, js, body), body];
  return `${lines.join("\n")}\n`;
}
