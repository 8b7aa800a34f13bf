/**
 * The model of one bundled OpenAPI document: its component schemas, operations and webhooks,
 * and the facts its schemas hold.
 *
 * @module
 */
import { derefAt, isObject } from "../load/refs.js";
import type { Warn } from "../warnings.js";
import { componentSchemas, typeOf } from "./components.js";
import { definitionMaps } from "./definitions.js";
import { documentFacts } from "./facts.js";
import { NameTable } from "./names.js";
import { METHODS, operationOf, type OperationContext } from "./operation.js";
import { serverResolver } from "./servers.js";
import type { OperationModel, SpecModel } from "./types.js";

/** The model of the bundled OpenAPI `document` of spec file `source`, written to output `module`. */
export function openApiSpec(source: string, module: string, document: Record<string, unknown>, warn: Warn): SpecModel {
  // Components are named first, so they keep their names; a derived name that would clash
  // with one (an operation's `GetPetResponse`) is the one that changes, with a warning.
  const types = new NameTable(warn);
  const components = isObject(document.components) ? document.components.schemas : undefined;
  const keys = isObject(components) ? Object.keys(components) : [];
  const entries = keys.map((key) => ({ key, at: ["components", "schemas", key], type: typeOf(key) }));
  const schemas = componentSchemas(entries, types, warn);
  const servers = serverResolver(document, warn);
  const ctx: OperationContext = {
    source,
    document,
    names: new NameTable(warn),
    types,
    operationIds: new Map(),
    warn,
    servers,
  };
  const operations = rootOperations(ctx, "paths", (key) => requestPath(key, warn));
  // Webhooks are requests the API makes: no client function, but named types and validators
  // for what a receiver gets (and returns).
  const webhooks = rootOperations(ctx, "webhooks", (key) => key);
  const facts = documentFacts(document);
  const definitions = definitionMaps(document);
  return {
    source,
    module,
    kind: "openapi",
    document,
    basePath: servers.basePath,
    operations,
    schemas,
    webhooks,
    facts,
    definitions,
  };
}

/** The operations of every path item under `paths` or `webhooks`, in the spec's order; `pathOf` gives a key's path. */
function rootOperations(
  ctx: OperationContext,
  root: "paths" | "webhooks",
  pathOf: (key: string) => string,
): OperationModel[] {
  const operations: OperationModel[] = [];
  const items = isObject(ctx.document[root]) ? (ctx.document[root] as Record<string, unknown>) : {};
  for (const [pathKey, raw] of Object.entries(items)) {
    // A path item may be a `$ref` (to components/pathItems); Redocly's bundle keeps it.
    const { node: item, at } = derefAt(ctx.document, raw, [root, pathKey]);
    if (!isObject(item)) continue;
    const path = pathOf(pathKey);
    for (const method of METHODS) {
      if (isObject(item[method])) operations.push(operationOf(ctx, { root, pathKey, path, item, at, method }));
    }
  }
  return operations;
}

/** The path requests use for a path key: trimmed, its literal parts encoded; each change reported. */
function requestPath(pathKey: string, warn: Warn): string {
  const trimmed = pathKey.trim();
  if (trimmed !== pathKey)
    warn(`path key ${JSON.stringify(pathKey)} has surrounding whitespace; requests use ${JSON.stringify(trimmed)}`);
  const path = encodePathLiterals(trimmed);
  if (path !== trimmed)
    warn(`path ${JSON.stringify(trimmed)} has characters a URL path cannot hold; requests use ${JSON.stringify(path)}`);
  return path;
}

/**
 * The literal parts of a path template (outside `{placeholders}`), percent-encoded where RFC 3986
 * allows no such character in a path (space, quotes, `?`, `#`, a stray brace, …); existing `%XX`
 * escapes stay.
 */
function encodePathLiterals(template: string): string {
  return template.replace(
    /(\{[^{}]*\})|([^{}]+|[{}])/gu,
    (_m, placeholder: string | undefined, literal: string | undefined) =>
      placeholder ??
      literal!.replace(/%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]/gu, (c) =>
        encodeURIComponent(c.replace(/[\uD800-\uDFFF]/g, "\uFFFD")),
      ),
  );
}
