/**
 * The named types a spec's types module exports besides openapi-typescript's interfaces: per
 * operation (and webhook) its response and request bodies and its parameters, and the
 * standalone schemas the model names.
 *
 * @module
 */
import type { OperationModel, SpecModel } from "../../model/types.js";
import { jsdoc } from "../comment.js";
import { operationTypeRef, paramsType } from "../module.js";

const q = (value: string | number) => JSON.stringify(value);

/** The named body types of one operation: each JSON response body, and the JSON request body. */
function bodyTypes(op: OperationModel, readWrite: boolean): string[] {
  const opType = operationTypeRef(op);
  // With readOnly/writeOnly in play, what the API sends (its responses, a webhook's request)
  // has no writeOnly fields, and what it receives no readOnly ones.
  const sent = (type: string) => (readWrite ? `Readable<${type}>` : type);
  const received = (type: string) => (readWrite ? `Writable<${type}>` : type);
  const [response, request] = op.root === "webhooks" ? [received, sent] : [sent, received];
  const out = op.responseTypes.map((r) => {
    const media = op.responses.find((x) => x.status === r.status)?.mediaType ?? "application/json";
    const type = `${opType}["responses"][${q(Number(r.status) || r.status)}]["content"][${q(media)}]`;
    const doc = jsdoc({ description: `JSON body of the ${r.status} response of \`${op.operationId}\`.` });
    return `${doc}export type ${r.name} = ${response(type)};`;
  });
  const body = op.requestBody;
  if (body?.name) {
    const type = `NonNullable<${opType}["requestBody"]>["content"][${q(body.mediaType)}]`;
    const doc = jsdoc({
      description: `JSON request body of ${op.root === "webhooks" ? "the webhook " : ""}\`${op.operationId}\`.`,
    });
    out.push(`${doc}export type ${body.name} = ${request(type)};`);
  }
  return out;
}

/** The named parameter types of one operation: all its `params`, its path and its query parameters. */
function parameterTypes(op: OperationModel): string[] {
  const opType = operationTypeRef(op);
  const has = (where: string) => op.parameters.some((p) => p.in === where);
  const params = paramsType(op);
  const id = `\`${op.operationId}\``;
  const out: string[] = [];
  if (params) {
    const doc = jsdoc({
      description: `The \`params\` of ${id}: its path, query, header and cookie parameters, by key.`,
    });
    out.push(`${doc}export type ${op.typeName}Params = ${params};`);
  }
  if (has("path")) {
    const doc = jsdoc({ description: `Path parameters of ${id}.` });
    out.push(`${doc}export type ${op.typeName}Path = ${opType}["parameters"]["path"];`);
  }
  if (has("query")) {
    const doc = jsdoc({ description: `Query parameters of ${id}.` });
    out.push(`${doc}export type ${op.typeName}Query = ${opType}["parameters"]["query"];`);
  }
  return out;
}

/** The named exports that follow openapi-typescript's output ("" for none). */
export function namedExports(spec: SpecModel, readWrite: boolean): string {
  const out: string[] = [];
  for (const op of [...spec.operations, ...spec.webhooks]) out.push(...bodyTypes(op, readWrite), ...parameterTypes(op));
  for (const s of spec.schemas) {
    const what = `The component \`${s.component}\` of \`${spec.source}\`.`;
    const doc = s.component === undefined ? "" : jsdoc({ description: what });
    out.push(`${doc}export type ${s.name} = ${s.typeExpression};`);
  }
  return out.length ? `\n${out.join("\n")}\n` : "";
}
