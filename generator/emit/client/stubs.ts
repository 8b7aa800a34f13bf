/**
 * The JavaScript module of one spec's client (`client/<module>.js`): per operation a descriptor
 * and a stub calling the runtime with it, a URL builder for a redirect endpoint, and a guard for
 * the errors it declares. It imports only the runtime functions and validators its descriptors
 * name.
 *
 * @module
 */
import type { OperationModel, SpecModel } from "../../model/types.js";
import { banner, relativeImport } from "../module.js";
import { descriptorFields } from "./descriptor.js";
import { mediaImports, picksMedia } from "./media.js";
import { requestFlows, type RequestFlows } from "./runtime-files.js";
import {
  errorBodies,
  hasParams,
  prepares,
  q,
  rangeErrors,
  readsBytes,
  serializes,
  statusKey,
  untypedErrors,
  validatedBodies,
} from "./operation.js";

/** The runtime functions a spec's stubs and descriptors call. */
function runtimeNames(ops: readonly OperationModel[], flows: RequestFlows): string[] {
  return [
    "buildUrl",
    ...(ops.some((op) => prepares(op) && !picksMedia(op)) ? ["prepareRequest"] : []),
    ...(ops.some(readsBytes) ? ["readBytes"] : []),
    ...flows.imports,
    ...(ops.some(serializes) ? ["serializeParams"] : []),
    ...(ops.some((op) => errorBodies(op).length > 0) ? ["isStatusError"] : []),
    ...(ops.some(rangeErrors) ? ["statusKeys"] : []),
  ];
}

/** The module's imports: the runtime, its media part where needed, and the validators the descriptors name. */
function stubImports(spec: SpecModel, js: string, flows: RequestFlows): string[] {
  const lines = [
    `import { ${runtimeNames(spec.operations, flows).join(", ")} } from ${q(relativeImport(js, "client/runtime.js"))};`,
  ];
  const media = mediaImports(spec.operations, js);
  if (media.js) lines.push(media.js);
  // The validators the descriptors name: those of exact 2xx and failure statuses.
  const validators = spec.operations.flatMap((op) => validatedBodies(op).map((r) => `validate${r.name}`));
  const from = q(relativeImport(js, `validators/${spec.module}.js`));
  if (validators.length) lines.push(`import { ${validators.join(", ")} } from ${from};`);
  return lines;
}

/** One operation's descriptor, stub, URL builder (for a redirect) and error guard. */
function operationStubs(op: OperationModel, cached: boolean, flows: RequestFlows): string[] {
  const descriptor = `${op.name}Operation`;
  const args = hasParams(op) ? "client, params, init" : "client, init";
  const call = hasParams(op) ? "params" : "{}";
  const lines = [
    `const ${descriptor} = { ${descriptorFields(op, cached).join(", ")} };`,
    `export const ${op.name} = (${args}) => ${flows.callee(op)}(client, ${descriptor}, ${call}, init);`,
  ];
  if (op.redirect)
    lines.push(`export const ${op.name}Url = (client, params) => buildUrl(client, ${descriptor}, params);`);
  const errorStatuses = errorBodies(op).map((r) => statusKey(r.status));
  const untyped = untypedErrors(op);
  const statusList = `[${errorStatuses.join(", ")}]${untyped.length ? `, [${untyped.join(", ")}]` : ""}`;
  if (errorStatuses.length)
    lines.push(`export const is${op.typeName}Error = (error) => isStatusError(error, ${statusList});`);
  return lines;
}

/** `client/<module>.js` of one spec. */
export function stubModule(spec: SpecModel, js: string, cached: ReadonlySet<OperationModel>): string {
  const flows = requestFlows(spec.operations, cached);
  const lines = [
    banner(spec.source).trimEnd(),
    ...stubImports(spec, js, flows),
    ...spec.operations.flatMap((op) => operationStubs(op, cached.has(op), flows)),
  ];
  return `${lines.join("\n")}\n`;
}
