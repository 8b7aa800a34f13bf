/**
 * The named types a spec's types module exports besides openapi-typescript's interfaces: per
 * operation (and webhook) its response and request bodies and its parameters, and the
 * standalone schemas the model names. Written with the code builder (emit/code.ts): spec text
 * enters as string literal types and escaped doc comments only.
 *
 * @module
 */
import type { OperationModel, SchemaTypeRef, SpecModel } from "../../model/types.js";
import { type Code, code, identifier, list } from "../code.js";
import { docComment } from "../comment.js";
import { operationTypeRef, paramsType } from "../module.js";

/** `export type Name = type;` under its doc comment. */
const exportType = (doc: Code, name: string, type: Code): Code =>
  code`${doc}export type ${identifier(name)} = ${type};`;

/** The named body types of one operation: each JSON response body, and the JSON request body. */
function bodyTypes(op: OperationModel, readWrite: boolean): Code[] {
  const opType = operationTypeRef(op);
  // With readOnly/writeOnly in play, what the API sends (its responses, a webhook's request)
  // has no writeOnly fields, and what it receives no readOnly ones.
  const sent = (type: Code) => (readWrite ? code`Readable<${type}>` : type);
  const received = (type: Code) => (readWrite ? code`Writable<${type}>` : type);
  const [response, request] = op.root === "webhooks" ? [received, sent] : [sent, received];
  const out = op.responseTypes.map((r) => {
    const media = op.responses.find((x) => x.status === r.status)?.mediaType ?? "application/json";
    const type = code`${opType}["responses"][${Number(r.status) || r.status}]["content"][${media}]`;
    const doc = docComment({ description: `JSON body of the ${r.status} response of \`${op.operationId}\`.` });
    return exportType(doc, r.name, response(type));
  });
  const body = op.requestBody;
  if (body?.name) {
    const type = code`NonNullable<${opType}["requestBody"]>["content"][${body.mediaType}]`;
    const doc = docComment({
      description: `JSON request body of ${op.root === "webhooks" ? "the webhook " : ""}\`${op.operationId}\`.`,
    });
    out.push(exportType(doc, body.name, request(type)));
  }
  return out;
}

/** The named parameter types of one operation: all its `params`, its path and its query parameters. */
function parameterTypes(op: OperationModel): Code[] {
  const opType = operationTypeRef(op);
  const has = (where: string) => op.parameters.some((p) => p.in === where);
  const params = paramsType(op);
  const id = `\`${op.operationId}\``;
  const out: Code[] = [];
  if (params) {
    const doc = docComment({
      description: `The \`params\` of ${id}: its path, query, header and cookie parameters, by key.`,
    });
    out.push(exportType(doc, `${op.typeName}Params`, params));
  }
  if (has("path")) {
    const doc = docComment({ description: `Path parameters of ${id}.` });
    out.push(exportType(doc, `${op.typeName}Path`, code`${opType}["parameters"]["path"]`));
  }
  if (has("query")) {
    const doc = docComment({ description: `Query parameters of ${id}.` });
    out.push(exportType(doc, `${op.typeName}Query`, code`${opType}["parameters"]["query"]`));
  }
  return out;
}

/** A named schema's type over the module's declarations (see SchemaTypeRef). */
function schemaType(ref: SchemaTypeRef): Code {
  if (ref.kind === "component") return code`components["schemas"][${ref.key}]`;
  const of = identifier(ref.of);
  const object = ref.objectPart ? code`Exclude<${of}, string | number | boolean | null | unknown[]>` : of;
  return code`NonNullable<${object}[${ref.property}]>[number]`;
}

/** The named exports that follow openapi-typescript's output ("" for none). */
export function namedExports(spec: SpecModel, readWrite: boolean): string {
  const out: Code[] = [];
  for (const op of [...spec.operations, ...spec.webhooks]) out.push(...bodyTypes(op, readWrite), ...parameterTypes(op));
  for (const s of spec.schemas) {
    const what = `The component \`${s.component}\` of \`${spec.source}\`.`;
    const doc = s.component === undefined ? code`` : docComment({ description: what });
    out.push(exportType(doc, s.name, schemaType(s.type)));
  }
  return out.length ? `\n${list(out, "\n")}\n` : "";
}
