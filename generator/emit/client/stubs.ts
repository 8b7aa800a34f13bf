/**
 * The JavaScript module of one spec's client (`client/<module>.js`): per operation a descriptor
 * and a stub calling the runtime with it, a URL builder for a redirect endpoint, and a guard for
 * the errors it declares. It imports only the runtime functions and validators its descriptors
 * name.
 *
 * @module
 */
import type { OperationModel, SpecModel } from "../../model/types.js";
import { type Code, code, identifier, list } from "../code.js";
import { banner, relativeImport } from "../module.js";
import { descriptorFields } from "./descriptor.js";
import { mediaImports, picksMedia } from "./media.js";
import { requestFlows, type RequestFlows } from "./runtime-files.js";
import {
  errorBodies,
  hasParams,
  prepares,
  rangeErrors,
  readsBytes,
  serializes,
  statusValue,
  untypedErrors,
  validatedBodies,
} from "./operation.js";

/** The runtime functions a spec's stubs and descriptors call. */
function runtimeNames(ops: readonly OperationModel[], flows: RequestFlows): Code[] {
  const names = (...wanted: string[]) => wanted.map(identifier);
  return [
    ...names("buildUrl"),
    ...(ops.some((op) => prepares(op) && !picksMedia(op)) ? names("prepareRequest") : []),
    ...(ops.some(readsBytes) ? names("readBytes") : []),
    ...flows.imports,
    ...(ops.some(serializes) ? names("serializeParams") : []),
    ...(ops.some((op) => errorBodies(op).length > 0) ? names("isStatusError") : []),
    ...(ops.some(rangeErrors) ? names("statusKeys") : []),
  ];
}

/** The module's imports: the runtime, its media part where needed, and the validators the descriptors name. */
function stubImports(spec: SpecModel, js: string, flows: RequestFlows): Code[] {
  const runtime = relativeImport(js, "client/runtime.js");
  const lines = [code`import { ${list(runtimeNames(spec.operations, flows))} } from ${runtime};`];
  const media = mediaImports(spec.operations, js);
  if (media.js) lines.push(media.js);
  // The validators the descriptors name: those of exact 2xx and failure statuses.
  const validators = spec.operations.flatMap((op) => validatedBodies(op).map((r) => identifier(`validate${r.name}`)));
  const from = relativeImport(js, `validators/${spec.module}.js`);
  if (validators.length) lines.push(code`import { ${list(validators)} } from ${from};`);
  return lines;
}

/** The list of a guard's statuses: `[404, "4XX"]`, then the untyped ones if any (`, [403]`). */
function guardStatuses(op: OperationModel): Code | undefined {
  const errorStatuses = errorBodies(op).map((r) => statusValue(r.status));
  if (!errorStatuses.length) return undefined;
  const untyped = untypedErrors(op);
  return untyped.length ? code`[${list(errorStatuses)}], [${list(untyped)}]` : code`[${list(errorStatuses)}]`;
}

/** One operation's descriptor, stub, URL builder (for a redirect) and error guard. */
function operationStubs(op: OperationModel, cached: boolean, flows: RequestFlows): Code[] {
  const name = identifier(op.name);
  const descriptor = identifier(`${op.name}Operation`);
  const args = hasParams(op) ? code`client, params, init` : code`client, init`;
  const call = hasParams(op) ? code`params` : code`{}`;
  const lines = [
    code`const ${descriptor} = { ${list(descriptorFields(op, cached))} };`,
    code`export const ${name} = (${args}) => ${flows.callee(op)}(client, ${descriptor}, ${call}, init);`,
  ];
  if (op.redirect) {
    const url = identifier(`${op.name}Url`);
    lines.push(code`export const ${url} = (client, params) => buildUrl(client, ${descriptor}, params);`);
  }
  const statuses = guardStatuses(op);
  const guard = identifier(`is${op.typeName}Error`);
  if (statuses) lines.push(code`export const ${guard} = (error) => isStatusError(error, ${statuses});`);
  return lines;
}

/** `client/<module>.js` of one spec. */
export function stubModule(spec: SpecModel, js: string, cached: ReadonlySet<OperationModel>): string {
  const flows = requestFlows(spec.operations, cached);
  const lines = [
    ...stubImports(spec, js, flows),
    ...spec.operations.flatMap((op) => operationStubs(op, cached.has(op), flows)),
  ];
  // the banner is a doc comment, made safe by the comment escaper, and ends its line
  return `${banner(spec.source)}${list(lines, "\n")}\n`;
}
