/**
 * What the validators of one spec check: one target per JSON body of an operation or webhook
 * and per named schema, and the three exports generated for each.
 *
 * @module
 */
import type { SpecModel } from "../../model/types.js";

/** One validator to export: the generated type it guards and where its schema is. */
export interface ValidatorTarget {
  /** The model's sanitised type name, e.g. `GetAuthMetadataResponse`. */
  name: string;
  /** JSON pointer of the schema inside the spec's `document`. */
  pointer: string;
  /** What the schema describes (plain text for doc comments). */
  description: string;
  /** For operation bodies: the operation, and the response status or `body` for the request body. */
  operationId?: string;
  status?: string;
  /** A component (`components/schemas/X`, a bare schema's `$defs/X`), compiled once however used (see exports.ts). */
  component?: true;
}

/** The suffix of the validators of a spec as written, without its overlays (see as-written.ts). */
export const AS_WRITTEN = "AsWritten";

/**
 * The validators of one spec: JSON response and request bodies of its operations and webhooks, then its named schemas.
 */
export function validatorTargets(spec: SpecModel): ValidatorTarget[] {
  const targets: ValidatorTarget[] = [];
  for (const op of [...spec.operations, ...spec.webhooks]) {
    for (const r of op.responseTypes) {
      const pointer = op.responses.find((x) => x.status === r.status)?.jsonSchemaPointer;
      if (pointer === undefined) continue;
      targets.push({
        name: r.name,
        pointer,
        description: `the JSON body of the ${r.status} response of \`${op.operationId}\``,
        operationId: op.operationId,
        status: r.status,
      });
    }
    const body = op.requestBody;
    if (body?.name && body.jsonSchemaPointer)
      targets.push({
        name: body.name,
        pointer: body.jsonSchemaPointer,
        description: `the JSON request body of \`${op.operationId}\``,
        operationId: op.operationId,
        status: "body",
      });
  }
  for (const s of spec.schemas) {
    const of = `of \`${spec.source}\``;
    const description =
      s.component === undefined ? `the \`${s.name}\` schema ${of}` : `the component \`${s.component}\` ${of}`;
    const component = s.component !== undefined && { component: true as const };
    targets.push({ name: s.name, pointer: s.pointer, description, ...component });
  }
  return targets;
}

/** The three exports generated per target. */
export function exportNames(name: string): { validate: string; is: string; assert: string } {
  return { validate: `validate${name}`, is: `is${name}`, assert: `assert${name}` };
}
