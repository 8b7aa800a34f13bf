import type { ProjectConfig } from "../config.js";
import type { Model, OperationModel, ParameterModel, SpecModel } from "../model/types.js";
import { errorStatus, exactStatus } from "../model/status.js";
import { jsdoc } from "./comment.js";
import type { Emitted, GeneratedFile } from "./file.js";
import { CALL_PARAMS, banner, literalKey, operationTypeRef, paramsType, relativeImport } from "./module.js";
import {
  answerNote,
  answerPlan,
  answerType,
  bodiesField,
  bodiesInit,
  bodiesNote,
  mediaImports,
  mediaRuntimeFiles,
  picksMedia,
} from "./client-media.js";
import { clientRuntimeFiles, requestFlows } from "./client-runtime.js";

const q = (s: string) => JSON.stringify(s);

/**
 * Typed fetch stubs: per spec, one operation descriptor and one function per operation over
 * the hand-written runtime (generator/runtime, shipped as client/runtime.js), plus a URL
 * builder for each redirect endpoint, and `createClient` binding them all to one client.
 */
export function emitClient(model: Model, config?: Pick<ProjectConfig, "cache">): Emitted {
  const specs = model.specs.filter((s) => s.operations.length > 0);
  const warnings: string[] = [];
  if (specs.length === 0) return { files: [], warnings };
  const cached = cachedOperations(specs, config?.cache ?? [], warnings);
  const runtimeNote = "/* The specgen client runtime (hand-written, see specgen's generator/runtime/). */\n";
  const files: GeneratedFile[] = clientRuntimeFiles(runtimeNote);
  files.push(...mediaRuntimeFiles(specs, runtimeNote));
  for (const spec of specs) files.push(...specClient(spec, cached));
  files.push(...indexFiles(model, specs, warnings));
  return { files, warnings };
}

/** Whether the runtime can cache an operation's answers: a GET of JSON data (not a redirect, bytes or a stream). */
const cacheable = (op: OperationModel) => op.method === "GET" && !op.redirect && !op.answersBytes && !answerPlan(op);

/**
 * The operations whose descriptors say `cache: true`: those the config's `cache` lists (by
 * operationId or function name) or that say `x-specgen-cache: true`, if cacheable. Nothing is
 * cached by default: an answer may be personal, and only the project knows which are not.
 */
function cachedOperations(specs: SpecModel[], listed: readonly string[], warnings: string[]): Set<OperationModel> {
  const cached = new Set<OperationModel>();
  const found = new Set<string>();
  for (const op of specs.flatMap((s) => s.operations)) {
    const names = [op.operationId, op.name].filter((n) => listed.includes(n));
    names.forEach((n) => {
      found.add(n);
    });
    if (!names.length && !op.cache) continue;
    if (cacheable(op)) cached.add(op);
    else warnings.push(`operation ${op.operationId} is not cached: only a GET answering JSON data can be`);
  }
  for (const name of listed) {
    if (!found.has(name)) warnings.push(`config "cache" names ${JSON.stringify(name)}, which is no operation`);
  }
  return cached;
}

/**
 * Parameters a call takes in `params`: those of the URL, and header parameters (not for a URL builder). Cookies are the
 * browser's.
 */
const URL_PARAMS: ReadonlyArray<ParameterModel["in"]> = ["path", "query"];
const hasParams = (op: OperationModel) => op.parameters.some((p) => CALL_PARAMS.includes(p.in));

/** Whether a call needs the runtime's `prepareRequest`: it sends a body or header parameters. */
const prepares = (op: OperationModel) =>
  op.requestBody !== undefined || op.parameters.some((p) => p.in === "header" || p.in === "cookie");

/** Parameters the runtime serializes. */
const serializedParams = (op: OperationModel) => op.parameters.filter((p) => CALL_PARAMS.includes(p.in));

/** A parameter's non-default OpenAPI serialization, as the descriptor's `styles` entry; "" for none. */
function styleEntry(p: ParameterModel): string {
  const defaultStyle = p.in === "query" || p.in === "cookie" ? "form" : "simple";
  const fields = [
    ...(p.style !== defaultStyle ? [`style: ${q(p.style)}`] : []),
    ...(p.explode !== (p.style === "form") ? [`explode: ${p.explode}`] : []),
    ...(p.allowReserved ? ["allowReserved: true"] : []),
  ];
  return fields.length ? `${literalKey(p.key)}: { ${fields.join(", ")} }` : "";
}

/**
 * Whether a call needs the runtime's `serializeParams`: a cookie, structured, non-default style or renamed parameter.
 */
const serializes = (op: OperationModel) =>
  serializedParams(op).some((p) => p.in === "cookie" || p.structured || styleEntry(p) !== "" || p.key !== p.name);

/** The declared `params` argument, or undefined when the operation has no parameters in `places`. */
function paramsArg(op: OperationModel, places: ReadonlyArray<ParameterModel["in"]>): string | undefined {
  const own = op.parameters.filter((p) => places.includes(p.in));
  if (!own.length) return undefined;
  // The call's whole params have their named type (see emit/types.ts); a URL builder's are a part.
  const type = places === CALL_PARAMS ? `${op.typeName}Params` : paramsType(op, places)!;
  // A required body makes `init` required, and no optional parameter may precede a required one.
  const required = own.some((p) => p.required) || (places === CALL_PARAMS && op.requestBody?.required === true);
  return `params${required ? "" : "?"}: ${type}`;
}

/** The named JSON bodies of an operation's failure statuses (`404`), ranges (`4XX`) and `default`: its typed errors. */
const errorBodies = (op: OperationModel) => op.responseTypes.filter((r) => errorStatus(r.status));

/** The statuses whose bodies the runtime validates: exact 2xx statuses and the error ones, with a named JSON body. */
const validatedBodies = (op: OperationModel) => {
  const success = (status: string) => exactStatus(status) && status.startsWith("2");
  const bodies = op.responseTypes.filter((r) => success(r.status) || errorStatus(r.status));
  // `4xx` beside `4XX` (one key for the runtime): the first declared is used
  return bodies.filter((r, i) => bodies.findIndex((x) => statusKey(x.status) === statusKey(r.status)) === i);
};

/** Reads its answers with the runtime's readBytes: bytes only (answers of several kinds are readMedia's). */
const readsBytes = (op: OperationModel) => op.answersBytes && !answerPlan(op);

/**
 * A status key as the runtime looks it up (see `statusKeys` in runtime/index.ts): a number for
 * an exact status, `"4XX"` (upper case, however the spec writes it) for a range, `"default"`.
 */
const statusKey = (status: string) =>
  exactStatus(status) ? String(Number(status)) : q(status === "default" ? status : status.toUpperCase());

/**
 * The keys of the error statuses and ranges an operation declares without a JSON body that a
 * broader typed one (`4XX`, `default`) would otherwise cover: the runtime stops at them (`404:
 * null` in `validate`), so a bare 404 is neither checked against nor typed as `default`'s body.
 */
function untypedErrors(op: OperationModel): string[] {
  const typed = new Set(errorBodies(op).map((r) => statusKey(r.status)));
  const broader = (status: string) =>
    status === "default" ? [] : exactStatus(status) ? [q(`${status[0]}XX`), q("default")] : [q("default")];
  const untyped = op.responses
    .map((r) => r.status)
    .filter((s) => errorStatus(s) && !typed.has(statusKey(s)) && broader(s).some((k) => typed.has(k)));
  return [...new Set(untyped.map(statusKey))];
}

/** Whether an operation declares a range (`4XX`) or `default` error body: its descriptor names `statusKeys`. */
const rangeErrors = (op: OperationModel) => errorBodies(op).some((r) => !exactStatus(r.status));

/** A descriptor's `validate` entry: `404: validateGetPetResponse404`, `"4XX": validateGetPetResponse4XX`. */
const validatorEntry = (r: { status: string; name: string }) => `${statusKey(r.status)}: validate${r.name}`;

/** Whether an operation declares a Matrix-shaped error body (`errcode`), which the runtime throws as MatrixError. */
const matrixErrors = (op: OperationModel) => op.responses.some((r) => r.matrixError);

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

function specClient(spec: SpecModel, cached: ReadonlySet<OperationModel>): GeneratedFile[] {
  const js = `client/${spec.module}.js`;
  const dts = `client/${spec.module}.d.ts`;
  const validators = relativeImport(js, `validators/${spec.module}.js`);
  const types = relativeImport(dts, `types/${spec.module}.js`);
  const runtime = relativeImport(js, "client/runtime.js");
  // The validators the descriptors name: those of exact 2xx and failure statuses (see `validate` below).
  const validatorNames = spec.operations.flatMap((op) => validatedBodies(op).map((r) => `validate${r.name}`));
  const typedErrors = spec.operations.filter((op) => errorBodies(op).length > 0);

  const flows = requestFlows(spec.operations, cached);
  const runtimeNames = [
    "buildUrl",
    ...(spec.operations.some((op) => prepares(op) && !picksMedia(op)) ? ["prepareRequest"] : []),
    ...(spec.operations.some(readsBytes) ? ["readBytes"] : []),
    ...flows.imports,
    ...(spec.operations.some(serializes) ? ["serializeParams"] : []),
    ...(typedErrors.length ? ["isStatusError"] : []),
    ...(spec.operations.some(rangeErrors) ? ["statusKeys"] : []),
  ];
  const jsLines = [banner(spec.source).trimEnd(), `import { ${runtimeNames.join(", ")} } from ${q(runtime)};`];
  const media = mediaImports(spec.operations, js);
  if (media.js) jsLines.push(media.js);
  if (validatorNames.length) jsLines.push(`import { ${validatorNames.join(", ")} } from ${q(validators)};`);
  const errorClasses = [
    ...(typedErrors.length ? ["HttpError"] : []),
    ...(typedErrors.some(matrixErrors) ? ["MatrixError"] : []),
  ];
  const runtimeTypes = ["CallOptions", "ClientOptions", ...errorClasses, "Result", "RedirectResult"];
  const typeNames = [
    "operations",
    ...(spec.operations.some((op) => operationTypeRef(op).startsWith("paths[")) ? ["paths"] : []),
    ...spec.operations.flatMap((op) => [
      ...op.responseTypes.map((r) => r.name),
      ...(op.requestBody?.name ? [op.requestBody.name] : []),
      ...(hasParams(op) ? [`${op.typeName}Params`] : []),
    ]),
  ];
  const dtsLines = [
    banner(spec.source).trimEnd(),
    `import type { ${runtimeTypes.join(", ")} } from ${q(runtime)};`,
    ...(media.dts ? [media.dts] : []),
    `import type { ${typeNames.join(", ")} } from ${q(types)};`,
  ];
  for (const op of spec.operations) {
    const descriptor = `${op.name}Operation`;
    const query = op.parameters.filter((p) => p.in === "query").map((p) => p.key);
    const header = op.parameters.filter((p) => p.in === "header").map((p) => p.key);
    const cookie = op.parameters.filter((p) => p.in === "cookie").map((p) => p.key);
    const moved = serializedParams(op).filter((p) => p.key !== p.name);
    const success = op.responseTypes.filter((r) => r.status.startsWith("2"));
    const styles = serializedParams(op)
      .map(styleEntry)
      .filter((e) => e !== "");
    const plan = answerPlan(op);
    // readMedia validates a JSON success answer itself (`jsonAnswers`): another answer is no JSON to validate
    const validated = validatedBodies(op).filter((r) => !plan || !r.status.startsWith("2"));
    const jsonAnswers = validatedBodies(op)
      .filter((r) => r.status.startsWith("2"))
      .map(validatorEntry);
    const untyped = untypedErrors(op);
    const checks = [...validated.map(validatorEntry), ...untyped.map((key) => `${key}: null`)];
    const fields = [
      `method: ${q(op.method)}`,
      // A server of another origin replaces the client's `baseUrl`; the base path follows either.
      ...(op.serverOrigin !== undefined ? [`server: ${q(op.serverOrigin)}`] : []),
      ...(op.basePath ? [`base: ${q(op.basePath)}`] : []),
      `path: ${q(op.path)}`,
      ...(query.length ? [`query: [${query.map(q).join(", ")}]`] : []),
      ...(header.length ? [`header: [${header.map(q).join(", ")}]`] : []),
      ...(cookie.length ? [`cookie: [${cookie.map(q).join(", ")}]`] : []),
      ...(styles.length ? [`styles: { ${styles.join(", ")} }`] : []),
      ...(serializes(op) ? ["serialize: serializeParams"] : []),
      ...(moved.length ? [`wire: { ${moved.map((p) => `${literalKey(p.key)}: ${q(p.name)}`).join(", ")} }`] : []),
      ...(op.redirect ? ["redirect: true"] : []),
      ...(cached.has(op) ? ["cache: true"] : []),
      // The runtime picks a validator by the exact status, then (for an error) its range and `default`;
      // a success range (`2XX`) body is not validated.
      ...(checks.length ? [`validate: { ${checks.join(", ")} }`] : []),
      ...(rangeErrors(op) ? ["statuses: statusKeys"] : []),
      ...(picksMedia(op) ? [bodiesField(op)] : []),
      ...(op.requestBody?.json && !picksMedia(op) ? ["json: true"] : []),
      ...(op.requestBody?.contentType && !picksMedia(op) ? [`bodyType: ${q(op.requestBody.contentType)}`] : []),
      ...(picksMedia(op) ? ["prepare: prepareBody"] : prepares(op) ? ["prepare: prepareRequest"] : []),
      ...(readsBytes(op) ? ["read: readBytes"] : []),
      ...(plan ? ["read: readMedia", `media: ${q(plan.media)}`] : []),
      ...(plan?.json ? [`jsonAnswers: { ${jsonAnswers.join(", ")} }`] : []),
    ];
    jsLines.push(`const ${descriptor} = { ${fields.join(", ")} };`);
    const args = hasParams(op) ? "client, params, init" : "client, init";
    const call = hasParams(op) ? "params" : "{}";
    jsLines.push(`export const ${op.name} = (${args}) => ${flows.callee(op)}(client, ${descriptor}, ${call}, init);`);
    if (op.redirect)
      jsLines.push(`export const ${op.name}Url = (client, params) => buildUrl(client, ${descriptor}, params);`);
    const errorStatuses = errorBodies(op).map((r) => statusKey(r.status));
    const statusList = `[${errorStatuses.join(", ")}]` + (untyped.length ? `, [${untyped.join(", ")}]` : "");
    const guard = `export const is${op.typeName}Error = (error) => isStatusError(error, ${statusList});`;
    if (errorStatuses.length) jsLines.push(guard);

    // Declarations.
    const headersOf = (status: string) => headerType(op, status);
    const statusOf = (status: string) => (exactStatus(status) ? Number(status) : "number");
    const resultType = op.redirect
      ? op.responses
          .filter((r) => r.status.startsWith("3"))
          .map((r) => `RedirectResult<${headersOf(r.status)}>`)
          .join(" | ") || "RedirectResult"
      : plan
        ? op.responses
            .filter((r) => r.status.startsWith("2") && r.media.length)
            .map(
              (r) =>
                `(Result<${answerType(op, r.status)}, ${headersOf(r.status)}> & { status: ${statusOf(r.status)} })`,
            )
            .join(" | ")
        : op.answersBytes
          ? op.responses
              .filter((r) => r.status.startsWith("2") && r.media.length)
              .map((r) => `(Result<Blob, ${headersOf(r.status)}> & { status: ${statusOf(r.status)} })`)
              .join(" | ")
          : success.length
            ? success
                .map((r) => `(Result<${r.name}, ${headersOf(r.status)}> & { status: ${statusOf(r.status)} })`)
                .join(" | ")
            : "Result<unknown>";
    const doc = jsdoc({
      title: op.summary,
      summary:
        `${op.method} ${op.serverOrigin ?? ""}${op.basePath}${op.path} (\`${op.operationId}\`).` + serverNote(op),
      description: [
        op.description,
        (op.redirect
          ? 'A redirect endpoint: fetched with `redirect: "manual"`, it resolves to the `Location` ' +
            "(never followed, never a non-http(s) URL). That `Location` is bound to the cookies the server set on " +
            "this answer for the user agent that fetched it (an SSO server refuses the login at its callback in any " +
            "other agent), so a browser must navigate to the URL from the `…Url` builder itself."
          : (plan ? answerNote(op) : op.answersBytes ? BYTES_NOTE : "") + rejects(op)) +
          (picksMedia(op)
            ? bodiesNote(op)
            : op.requestBody
              ? ` Sends \`init.body\` (${op.requestBody.mediaType ? `\`${op.requestBody.mediaType}\`` : "as given"}${op.requestBody.json ? ", JSON-encoded" : ""}).`
              : ""),
        cookieNote(op),
        statusLines(op),
      ]
        .filter((part) => part)
        .join("\n\n"),
      since: op.since,
      changed: op.changed,
      linkBase: spec.linkBase,
      deprecated: op.deprecated,
    });
    if (errorStatuses.length) {
      const id = `\`${op.operationId}\``;
      const typeDoc = jsdoc({
        description: `The errors ${id} declares, by status, with their parsed and validated bodies.`,
      });
      const guardDoc = jsdoc({
        description:
          `Whether \`error\` (e.g. in \`catch\`) is one of the errors ${id} declares: ` +
          "narrows `status` and `data`.",
      });
      dtsLines.push(`${typeDoc}export type ${op.typeName}Error = ${errorType(op)};`);
      const guardType = `(error: unknown): error is ${op.typeName}Error`;
      dtsLines.push(`${guardDoc}export declare function is${op.typeName}Error${guardType};`);
    }
    const body = bodyType(op);
    const initArg = !body
      ? "init?: CallOptions"
      : picksMedia(op)
        ? bodiesInit(op, body)
        : op.requestBody!.required
          ? `init: CallOptions & { body: ${body} }`
          : `init?: CallOptions & { body?: ${body} }`;
    dtsLines.push(
      `${doc}export declare function ${op.name}(${argList("client: ClientOptions", paramsArg(op, CALL_PARAMS), initArg)}): Promise<${resultType}>;`,
    );
    if (op.redirect) {
      const urlArgs = argList(`client: Pick<ClientOptions, "baseUrl" | "servers">`, paramsArg(op, URL_PARAMS));
      dtsLines.push(
        jsdoc({
          description:
            `The URL to send a browser to for \`${op.operationId}\` (parameters percent-encoded): the browser ` +
            "navigates to it, so the cookies the server sets with its redirect are the browser's own.",
        }) + `export declare function ${op.name}Url(${urlArgs}): string;`,
      );
    }
  }
  return [
    { path: js, contents: `${jsLines.join("\n")}\n` },
    { path: dts, contents: `${dtsLines.join("\n")}\n` },
  ];
}

/**
 * One line per declared status: the first paragraph of its description, and the type of its JSON
 * body (a failure's body arrives as the error's `data`).
 */
function statusLines(op: OperationModel): string {
  return op.responses
    .map((r) => {
      // the first paragraph, on one line
      const summary = (r.description ?? "")
        .trim()
        .split(/\n\s*\n/)[0]!
        .replace(/\s+/g, " ");
      const type = op.responseTypes.find((t) => t.status === r.status)?.name;
      const body = type ? ` (\`${type}\`${errorStatus(r.status) ? ", the error's `data`" : ""})` : "";
      return `- \`${r.status}\`${body}${summary ? `: ${summary}` : ""}`;
    })
    .join("\n");
}

/** For an operation with a server of its own origin: that its requests do not go to the client's `baseUrl`. */
const serverNote = (op: OperationModel) =>
  op.serverOrigin === undefined
    ? ""
    : ` Sent to this origin, not to the client's \`baseUrl\`, unless the client's \`servers\` maps it elsewhere.`;

const BYTES_NOTE =
  "Resolves to the body as a `Blob` of the response's Content-Type (at most `maxBodyBytes`, as for JSON). ";

/** For an operation with cookie parameters: where they go, and that browsers do not let them. */
const cookieNote = (op: OperationModel) =>
  op.parameters.some((p) => p.in === "cookie")
    ? "Its cookie parameters go out in one `Cookie` header (`form` style), which browsers drop from `fetch`: " +
      "there the browser's own cookies are sent."
    : "";

/** What a stub's documentation says it rejects with: MatrixError only where the spec's error bodies have `errcode`. */
function rejects(op: OperationModel): string {
  const matrix = matrixErrors(op) ? "`MatrixError` for a Matrix error body (with `errcode`), " : "";
  const typed = errorBodies(op).length ? ` (narrow a declared one with \`is${op.typeName}Error\`)` : "";
  const http =
    `\`HttpError\` for ${matrix ? "another" : "a"} failure status, ` +
    "with its `status` and, for a JSON body, the parsed `data`";
  const invalid = "`ResponseValidationError` when a body does not match the schema declared for its status.";
  return `Rejects with ${matrix}${http}${typed}; ${invalid}`;
}

/** Declared response headers of one status, by lower-cased name (the runtime lower-cases them). */
function headerType(op: OperationModel, status: string): string {
  const names = op.responses.find((r) => r.status === status)?.headers ?? [];
  const declared = names.map((h) => `${q(h.toLowerCase())}?: string`).join("; ");
  return declared ? `{ ${declared} } & Record<string, string>` : "Record<string, string>";
}

function indexFiles(model: Model, specs: SpecModel[], warnings: string[]): GeneratedFile[] {
  const taken = new Map<string, string>();
  const entries: Array<{ spec: SpecModel; op: OperationModel; alias: string }> = [];
  specs.forEach((spec, i) => {
    for (const op of spec.operations) {
      const prior = taken.get(op.name);
      if (prior) {
        warnings.push(
          `${spec.source}: operation ${op.name} is also in ${prior}; createClient() keeps the first, import the other from its module`,
        );
        continue;
      }
      taken.set(op.name, spec.source);
      entries.push({ spec, op, alias: `m${i}` });
    }
  });
  const imports = specs.map(
    (s, i) => `import * as m${i} from ${q(relativeImport("client/index.js", `client/${s.module}.js`))};`,
  );
  // Named re-exports of the kept functions only: `export *` of two modules sharing a name
  // would make it ambiguous (and a type error in the declarations).
  const reexports = (from: string) =>
    specs.flatMap((s) => {
      // a declaration file also re-exports the `<Op>Error` types
      const guards = (op: OperationModel) =>
        errorBodies(op).length
          ? [`is${op.typeName}Error`, ...(from.endsWith(".d.ts") ? [`${op.typeName}Error`] : [])]
          : [];
      const names = entries
        .filter((e) => e.spec === s)
        .flatMap(({ op }) => [op.name, ...(op.redirect ? [`${op.name}Url`] : []), ...guards(op)]);
      return names.length
        ? [`export { ${names.join(", ")} } from ${q(relativeImport(from, `client/${s.module}.js`))};`]
        : [];
    });
  const members = entries.flatMap(({ op, alias }) => {
    const args = hasParams(op) ? "params, init" : "init";
    const out = [`    ${op.name}: (${args}) => ${alias}.${op.name}(client, ${args}),`];
    if (op.redirect) out.push(`    ${op.name}Url: (params) => ${alias}.${op.name}Url(client, params),`);
    return out;
  });
  const js = [
    banner(null).trimEnd(),
    `import { createClient as createRuntimeClient } from "./runtime.js";`,
    ...imports,
    `export { HttpError, MatrixError, ResponseValidationError, createMemoryCache, withHooks } from "./runtime.js";`,
    ...reexports("client/index.js"),
    "",
    "/** One client for every operation; options as in the runtime's `ClientOptions`. */",
    "export function createClient(options) {",
    "  const client = createRuntimeClient(options);",
    "  return {",
    ...members,
    "  };",
    "}",
  ];
  const dtsMembers = entries.flatMap(({ op, alias }) => {
    const out = [`  ${op.name}: OmitClient<typeof ${alias}.${op.name}>;`];
    if (op.redirect) out.push(`  ${op.name}Url: OmitClient<typeof ${alias}.${op.name}Url>;`);
    return out;
  });
  const dts = [
    banner(null).trimEnd(),
    `import type { ClientOptions } from "./runtime.js";`,
    ...specs.map(
      (s, i) => `import type * as m${i} from ${q(relativeImport("client/index.d.ts", `client/${s.module}.js`))};`,
    ),
    `export { HttpError, MatrixError, ResponseValidationError, createMemoryCache, withHooks } from "./runtime.js";`,
    `export type { Cache, CacheEntry, CallOptions, ClientOptions, Hooks, RedirectResult, Result } from "./runtime.js";`,
    ...reexports("client/index.d.ts"),
    "",
    "/** A stub with its first (client) parameter bound. */",
    "type OmitClient<F> = F extends (client: any, ...rest: infer A) => infer R ? (...args: A) => R : never;",
    "",
    "export interface SpecClient {",
    ...dtsMembers,
    "}",
    "",
    "/** One client for every operation, sharing options, headers and the discovery cache. */",
    "export declare function createClient(options: ClientOptions): SpecClient;",
  ];
  return [
    { path: "client/index.js", contents: `${js.join("\n")}\n` },
    { path: "client/index.d.ts", contents: `${dts.join("\n")}\n` },
  ];
}
