/**
 * The declarations of one spec's client (`client/<module>.d.ts`): each stub's parameters, body
 * and result types, its declared errors and their guard, and a redirect endpoint's URL builder,
 * over the named types of the spec's types module and the runtime's types.
 *
 * @module
 */
import { exactStatus } from "../../model/status.js";
import type { OperationModel, SpecModel } from "../../model/types.js";
import { type Code, code, identifier, list } from "../code.js";
import { docComment } from "../comment.js";
import { banner, CALL_PARAMS, operationTypeRef, optional, paramsType, relativeImport } from "../module.js";
import { callDoc } from "./call-doc.js";
import { answerPlan, answerType, bodiesInit, mediaImports, picksMedia } from "./media.js";
import { errorBodies, hasParams, URL_PARAMS } from "./operation.js";

/** A named type of the spec's types module, or of a declaration here (`<Op>Error`). */
const named = (name: string): Code => identifier(name);

/** The declared `params` argument, or undefined when the operation has no parameters in `places`. */
function paramsArg(op: OperationModel, places: ReadonlyArray<OperationModel["parameters"][number]["in"]>) {
  const own = op.parameters.filter((p) => places.includes(p.in));
  if (!own.length) return undefined;
  // The call's whole params have their named type (see emit/types/); a URL builder's are made of
  // the named types of its path and query parameters (URL_PARAMS holds these two only).
  const located = (o: OperationModel, place: string) => named(`${o.typeName}${place === "path" ? "Path" : "Query"}`);
  const type = places === CALL_PARAMS ? named(`${op.typeName}Params`) : paramsType(op, places, located)!;
  // A required body makes `init` required, and no optional parameter may precede a required one.
  const required = own.some((p) => p.required) || (places === CALL_PARAMS && op.requestBody?.required === true);
  return code`params${optional(required)}: ${type}`;
}

/** A status as a type: its number for an exact status, else `number`. */
const statusType = (status: string): Code => (exactStatus(status) ? code`${Number(status)}` : code`number`);

/**
 * `<Op>Error`: the union, over the declared failure statuses with a JSON body, of the error
 * thrown (HttpError, or MatrixError for a body with `errcode`) with that status and body type.
 */
function errorType(op: OperationModel): Code {
  const members = errorBodies(op).map((r) => {
    const matrix = op.responses.find((x) => x.status === r.status)?.matrixError;
    const thrown = matrix ? code`(HttpError | MatrixError)` : code`HttpError`;
    return code`(${thrown} & { readonly status: ${statusType(r.status)}; readonly data: ${named(r.name)} })`;
  });
  return list(members, " | ");
}

/** Declared parameters, those present, comma-separated. */
const argList = (...args: Array<Code | undefined>): Code => list(args.filter((a) => a !== undefined));

/** The declared type of a call's `body`: the named request body type, or what `fetch` sends as is. */
function bodyType(op: OperationModel): Code | undefined {
  const body = op.requestBody;
  if (!body) return undefined;
  if (body.name) return named(body.name);
  // JSON without a schema: openapi-typescript types the media type `unknown`; the types module
  // names no type for it (a named body type needs a schema), so the declaration reaches into
  // openapi-typescript's interface.
  return body.json
    ? code`NonNullable<${operationTypeRef(op)}["requestBody"]>["content"][${body.mediaType}]`
    : code`NonNullable<RequestInit["body"]>`;
}

/** The declared `init` argument: call options, with the body where there is one. */
function initArg(op: OperationModel): Code {
  const body = bodyType(op);
  if (!body) return code`init?: CallOptions`;
  if (picksMedia(op)) return bodiesInit(op, body);
  return op.requestBody!.required
    ? code`init: CallOptions & { body: ${body} }`
    : code`init?: CallOptions & { body?: ${body} }`;
}

/** Declared response headers of one status, by lower-cased name (the runtime lower-cases them). */
function headerType(op: OperationModel, status: string): Code {
  const headers = op.responses.find((r) => r.status === status)?.headers ?? [];
  // always quoted: a header name is spec text, and most are no identifiers
  const declared = headers.map((h) => code`${h.name.toLowerCase()}?: string`);
  return declared.length ? code`{ ${list(declared, "; ")} } & Record<string, string>` : code`Record<string, string>`;
}

/** What a call resolves to: a redirect's `Location`, or per success status its body and headers. */
function resultType(op: OperationModel): Code {
  const result = (body: Code, status: string) =>
    code`(Result<${body}, ${headerType(op, status)}> & { status: ${statusType(status)} })`;
  const answers = op.responses.filter((r) => r.status.startsWith("2") && r.media.length);
  if (op.redirect) {
    const redirects = op.responses.filter((r) => r.status.startsWith("3"));
    const each = redirects.map((r) => code`RedirectResult<${headerType(op, r.status)}>`);
    return each.length ? list(each, " | ") : code`RedirectResult`;
  }
  if (answerPlan(op))
    return list(
      answers.map((r) => result(answerType(op, r.status), r.status)),
      " | ",
    );
  if (op.answersBytes)
    return list(
      answers.map((r) => result(code`Blob`, r.status)),
      " | ",
    );
  const success = op.responseTypes.filter((r) => r.status.startsWith("2"));
  return success.length
    ? list(
        success.map((r) => result(named(r.name), r.status)),
        " | ",
      )
    : code`Result<unknown>`;
}

/** `<Op>Error` and its guard `is<Op>Error`, for an operation that declares typed errors. */
function errorDeclarations(op: OperationModel): Code[] {
  if (!errorBodies(op).length) return [];
  const id = `\`${op.operationId}\``;
  const typeDoc = docComment({
    description: `The errors ${id} declares, by status, with their parsed and validated bodies.`,
  });
  const narrows = "narrows `status` and `data`.";
  const guardDoc = docComment({
    description: `Whether \`error\` (e.g. in \`catch\`) is one of the errors ${id} declares: ${narrows}`,
  });
  const error = named(`${op.typeName}Error`);
  return [
    code`${typeDoc}export type ${error} = ${errorType(op)};`,
    code`${guardDoc}export declare function ${named(`is${op.typeName}Error`)}(error: unknown): error is ${error};`,
  ];
}

/** A redirect endpoint's URL builder, for a browser to navigate to. */
function urlDeclaration(op: OperationModel): Code {
  const urlArgs = argList(code`client: Pick<ClientOptions, "baseUrl" | "servers">`, paramsArg(op, URL_PARAMS));
  const doc = docComment({
    description:
      `The URL to send a browser to for \`${op.operationId}\` (parameters percent-encoded): the browser ` +
      "navigates to it, so the cookies the server sets with its redirect are the browser's own.",
  });
  return code`${doc}export declare function ${identifier(`${op.name}Url`)}(${urlArgs}): string;`;
}

/** One operation's declarations: its errors, its stub, and its URL builder. */
function operationDeclarations(op: OperationModel, spec: SpecModel): Code[] {
  const args = argList(code`client: ClientOptions`, paramsArg(op, CALL_PARAMS), initArg(op));
  const result = resultType(op);
  return [
    ...errorDeclarations(op),
    code`${callDoc(op, spec)}export declare function ${identifier(op.name)}(${args}): Promise<${result}>;`,
    ...(op.redirect ? [urlDeclaration(op)] : []),
  ];
}

/**
 * The identifiers a piece of the declarations names outside its comments and string literals.
 * A three-token scan (block comment, double-quoted string, identifier) rather than TypeScript's
 * scanner, which the client emitter does not load: it reads only what this module writes, whose
 * comments are {@link docComment} blocks (spec text in them cannot end them) and whose strings are
 * the code builder's literals (`JSON.stringify`'s).
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
function declarationImports(spec: SpecModel, dts: string, js: string, body: string): Code[] {
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
  const runtime = relativeImport(js, "client/runtime.js");
  const types = relativeImport(dts, `types/${spec.module}.js`);
  return [
    code`import type { ${list(runtimeTypes.filter((n) => used.has(n)).map(named))} } from ${runtime};`,
    ...(media.dts ? [media.dts] : []),
    ...(typeNames.length ? [code`import type { ${list(typeNames.map(named))} } from ${types};`] : []),
  ];
}

/** `client/<module>.d.ts` of one spec; `js` is the path of the module it declares. */
export function declarationModule(spec: SpecModel, dts: string, js: string): string {
  const body = list(
    spec.operations.flatMap((op) => operationDeclarations(op, spec)),
    "\n",
  );
  // the banner ends its line; the imports and declarations follow it line by line
  const lines = [...declarationImports(spec, dts, js, String(body)), body];
  return `${banner(spec.source)}${list(lines, "\n")}\n`;
}
