// The client's request bodies in several media types (the runtime's prepareBody, formBody,
// multipartBody) and answers that are not JSON (readMedia): descriptor fields, declared types and
// documentation, for the operations that need them. Other operations keep the plain JSON path.
import { mediaKind } from "../../model/media.js";
import type { BodyMediaModel, OperationModel, PartEncodingModel } from "../../model/types.js";
import { readFileSync } from "node:fs";
import type { GeneratedFile } from "../file.js";
import { type Code, code, identifier, key, list } from "../code.js";
import { operationTypeRef, optional, relativeImport } from "../module.js";

const MEDIA_JS = new URL("../../runtime/media.js", import.meta.url);
const MEDIA_DTS = new URL("../../runtime/media.d.ts", import.meta.url);

/**
 * Whether a call goes through prepareBody: its body is offered in several media types (the call
 * picks one), or as a form or multipart object (which the runtime encodes).
 */
export function picksMedia(op: OperationModel): boolean {
  const media = op.requestBody?.media ?? [];
  return media.length > 1 || media.some((m) => m.kind === "form" || m.kind === "multipart");
}

/** The functions of the runtime's media part (client/runtime-media.js) a spec's descriptors name. */
function mediaRuntime(ops: readonly OperationModel[]): string[] {
  const kinds = new Set(ops.filter(picksMedia).flatMap((op) => op.requestBody!.media.map((m) => m.kind)));
  return [
    ...(kinds.has("form") ? ["formBody"] : []),
    ...(kinds.has("multipart") ? ["multipartBody"] : []),
    ...(ops.some(picksMedia) ? ["prepareBody"] : []),
    ...(ops.some((op) => answerPlan(op)) ? ["readMedia"] : []),
  ];
}

/** Whether a spec's declarations name the `Multipart` type (a call that may send a multipart body). */
const namesMultipart = (ops: readonly OperationModel[]) =>
  ops.some((op) => picksMedia(op) && op.requestBody!.media.some((m) => m.kind === "multipart"));

/**
 * The runtime's media part, copied as `client/runtime-media.js` (+ `.d.ts`) when a spec needs it.
 * Its source imports the runtime as `./index.js`, which the package ships as `./runtime.js`.
 */
export function mediaRuntimeFiles(specs: readonly { operations: OperationModel[] }[], note: string): GeneratedFile[] {
  if (!specs.some((s) => mediaRuntime(s.operations).length || namesMultipart(s.operations))) return [];
  const copy = (url: URL) => {
    const text = readFileSync(url, "utf8");
    const renamed = text.replaceAll(' from "./index.js";', ' from "./runtime.js";');
    if (renamed === text) throw new Error(`${url.pathname}: no import of ./index.js to rename`);
    return note + renamed;
  };
  return [
    { path: "client/runtime-media.js", contents: copy(MEDIA_JS) },
    { path: "client/runtime-media.d.ts", contents: copy(MEDIA_DTS) },
  ];
}

/** A spec's JS and declaration imports from the runtime's media part (`undefined` when it needs none). */
export function mediaImports(ops: readonly OperationModel[], js: string): { js?: Code; dts?: Code } {
  const path = relativeImport(js, "client/runtime-media.js");
  const names = mediaRuntime(ops);
  return {
    ...(names.length && { js: code`import { ${list(names.map(identifier))} } from ${path};` }),
    ...(namesMultipart(ops) && { dts: code`import type { Multipart } from ${path};` }),
  };
}

/** The descriptor's `bodies` field: each media type with its declared Content-Type, encoder and encoding. */
export function bodiesField(op: OperationModel): Code {
  const entries = op.requestBody!.media.map((m) => code`${key(m.type)}: { ${list(mediaFields(m))} }`);
  return code`bodies: { ${list(entries)} }`;
}

function mediaFields(m: BodyMediaModel): Code[] {
  // A wildcard names no type (the call names one), and multipart's boundary comes with the FormData.
  const declared = /\*|^multipart\//i.test(m.type) ? "" : m.type;
  const encode = m.kind === "form" ? "formBody" : m.kind === "multipart" ? "multipartBody" : undefined;
  const encoding = Object.entries(m.encoding ?? {}).map(([name, e]) => code`${key(name)}: { ${encodingFields(e)} }`);
  return [
    code`type: ${declared}`,
    ...(m.kind === "json" ? [code`json: true`] : []),
    ...(encode ? [code`encode: ${identifier(encode)}`] : []),
    ...(encoding.length ? [code`encoding: { ${list(encoding)} }`] : []),
  ];
}

const encodingFields = (e: PartEncodingModel): Code =>
  list([
    ...(e.style !== undefined ? [code`style: ${e.style}`] : []),
    ...(e.explode !== undefined ? [code`explode: ${e.explode}`] : []),
    ...(e.allowReserved ? [code`allowReserved: true`] : []),
    ...(e.contentType !== undefined ? [code`contentType: ${e.contentType}`] : []),
  ]);

/** The declared `init` parameter of a call that picks its body's media type; `jsonType` types the default JSON body. */
export function bodiesInit(op: OperationModel, jsonType: Code): Code {
  const body = op.requestBody!;
  const members = body.media.map((m, i) => {
    const type = i === 0 && m.kind === "json" ? jsonType : mediaBodyType(op, m);
    const named = contentTypeType(m.type);
    return code`{ body${optional(body.required)}: ${type}; contentType${optional(i > 0)}: ${named} }`;
  });
  const init = code`CallOptions & (${list(members, " | ")})`;
  return body.required ? code`init: ${init}` : code`init?: ${init}`;
}

/**
 * What a call may send in one media type: the schema's type, encoded by the runtime, or the raw
 * body fetch sends. The types module names no type per media type (only the JSON request body),
 * so the schema's type is reached in openapi-typescript's interface.
 */
function mediaBodyType(op: OperationModel, m: BodyMediaModel): Code {
  const content = code`NonNullable<${operationTypeRef(op)}["requestBody"]>["content"][${m.type}]`;
  if (m.kind === "json") return content;
  if (m.kind === "form") return code`${content} | URLSearchParams`;
  if (m.kind === "multipart") return code`Multipart<${content}> | FormData`;
  return code`NonNullable<RequestInit["body"]>`;
}

/** The `contentType` naming a media type: its literal, or for a wildcard any type it matches. */
function contentTypeType(type: string): Code {
  if (type === "*/*") return code`string`;
  // the prefix is spec text: a string literal type inside the template literal type, never its text
  return type.endsWith("/*") ? code`\`\${${type.slice(0, -1)}}\${string}\`` : code`${type}`;
}

/** What the documentation says of a call's body. */
export function bodiesNote(op: OperationModel): string {
  const list = op.requestBody!.media.map((m, i) => `\`${m.type}\`${i ? "" : " (the default)"}: ${KIND_NOTE[m.kind]}`);
  return ` Sends \`init.body\` in the media type \`init.contentType\` names:\n${list.map((l) => `- ${l}`).join("\n")}`;
}

const KIND_NOTE: Record<string, string> = {
  json: "JSON-encoded",
  form:
    "an object is form-encoded as the spec's `encoding` says (default: `form` style, arrays repeated); " +
    "a `URLSearchParams` is sent as given",
  multipart:
    "an object becomes a `FormData` (one part per property or array item; a `Blob` or bytes as a file, " +
    "an object as a JSON part); a `FormData` is sent as given",
  text: "sent as given",
  stream: "sent as given",
  bytes: "sent as given",
};

/**
 * How the runtime reads an operation's success answers when they are not all JSON or all bytes
 * (those keep the JSON reader and readBytes): what a non-JSON answer becomes (a stream where
 * one is declared, else text where declared, else a Blob), and whether JSON may come too.
 */
export function answerPlan(op: OperationModel): { media: "stream" | "text" | "bytes"; json: boolean } | undefined {
  if (op.redirect) return undefined;
  const kinds = new Set(op.responses.filter((r) => r.status.startsWith("2")).flatMap((r) => r.media.map(mediaKind)));
  const json = kinds.has("json");
  kinds.delete("json");
  if (!kinds.size || (!json && [...kinds].every((k) => !["stream", "text"].includes(k)))) return undefined;
  return { media: kinds.has("stream") ? "stream" : kinds.has("text") ? "text" : "bytes", json };
}

const MEDIA_TYPE = { stream: code`ReadableStream<Uint8Array>`, text: code`string`, bytes: code`Blob` } as const;

/** The `data` of a success status of an operation read by readMedia: its JSON body type and/or the non-JSON form. */
export function answerType(op: OperationModel, status: string): Code {
  const plan = answerPlan(op)!;
  const jsonName = op.responseTypes.find((t) => t.status === status)?.name;
  const media = op.responses.find((r) => r.status === status)?.media ?? [];
  return list(
    [
      ...(media.some((t) => mediaKind(t) === "json") ? [jsonName ? identifier(jsonName) : code`unknown`] : []),
      ...(media.some((t) => mediaKind(t) !== "json") ? [MEDIA_TYPE[plan.media]] : []),
    ],
    " | ",
  );
}

/** What the documentation says such an operation resolves to. */
export function answerNote(op: OperationModel): string {
  const plan = answerPlan(op)!;
  const lead = plan.json
    ? "An answer whose Content-Type is JSON resolves to its parsed, validated body; any other resolves "
    : "Resolves ";
  const what = {
    stream:
      "to the response's `ReadableStream`, as soon as its headers arrive (read it as it comes; cancel it, " +
      "or abort `init.signal`, to stop: a stream the server keeps open is never waited for)",
    text: "to its text (at most `maxBodyBytes`)",
    bytes: "to a `Blob` of its Content-Type (at most `maxBodyBytes`)",
  }[plan.media];
  return `${lead}${what}. `;
}
