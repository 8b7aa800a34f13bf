/**
 * The model of a bare JSON Schema file. openapi-typescript reads only OpenAPI documents, so the
 * schema becomes the one component of a synthetic document, bundled from the schema's own folder
 * so its relative `$ref`s resolve; its helpers, definitions and collection items are named too.
 *
 * @module
 */
import { basename } from "node:path";
import { Source, type NormalizedProblem } from "@redocly/openapi-core";
import { bundleSchema } from "../load/bundle.js";
import type { RefPolicy } from "../load/policy.js";
import { formatPointer, setOwn } from "../load/pointer.js";
import type { SpecFile } from "../load/read.js";
import { isObject } from "../load/refs.js";
import { prepareSchemaRefs, restoreScopedRefs } from "../load/scoped-refs.js";
import { componentSchemas, typeOf, type ComponentEntry } from "./components.js";
import { definitionMaps } from "./definitions.js";
import { documentFacts } from "./facts.js";
import { rejectNonFinite } from "./finite.js";
import {
  definitionKey,
  IDENTIFIER,
  NameTable,
  pascalCase,
  plainPascalCase,
  safeIdentifier,
  singular,
} from "./names.js";
import type { NamedSchema, SpecModel } from "./types.js";

/** A bare schema modelled: its spec, unless the bundler found problems, and the files it read. */
export interface SchemaSpecResult {
  spec?: SpecModel;
  problems: NormalizedProblem[];
  files: string[];
}

/** The model of bare schema `file` (spec file `source`, output `module`), bundled as `refs` allow. */
export async function schemaSpec(
  file: SpecFile,
  source: string,
  module: string,
  warn: (message: string) => void,
  refs: RefPolicy,
): Promise<SchemaSpecResult> {
  const names = new NameTable(warn);
  const name = schemaFileName(file.doc, basename(module), names, warn);
  const { synthetic, key, hoisted } = syntheticDocument(file, source, module, name, warn);
  const { document, problems, files } = await bundleSchema(synthetic, file, refs);
  if (problems.length) return { problems: problems.map((p) => locatedInFile(p, file, key)), files };
  // Only the file's own schema had references hidden; a file it references gets none back.
  const bundled = isObject(document.components) ? document.components.schemas : undefined;
  if (isObject(bundled) && Object.hasOwn(bundled, key)) restoreScopedRefs(bundled[key]);
  rejectNonFinite(document, source);
  const main: NamedSchema = {
    name,
    type: typeOf(key),
    pointer: formatPointer(["components", "schemas", key]),
  };
  // Its helpers and definitions are components too, named before the collection items below.
  const helpers = Object.keys(hoisted).map((h) => ({ key: h, at: ["components", "schemas", h], type: typeOf(h) }));
  const mine = isObject(bundled) ? bundled[key] : undefined;
  const ownDefinitions = definitionEntries(key, isObject(mine) ? mine : {});
  const schemas = [
    main,
    ...componentSchemas([...helpers, ...ownDefinitions], names, warn),
    ...collectionItems(file.doc, name, key, names, warn),
  ];
  const facts = documentFacts(document);
  const definitions = definitionMaps(document);
  const kind = "json-schema";
  return {
    spec: { source, module, kind, document, basePath: "", operations: [], schemas, webhooks: [], facts, definitions },
    problems,
    files,
  };
}

/**
 * The OpenAPI document wrapping the schema file: the file's schema under its type name (`key`,
 * unless a helper already uses that key), beside the helper schemas some bare schemas (Matrix's
 * olm_plaintext.yaml) keep in their own `components.schemas`, where their refs point. A boolean
 * is a schema too (`true` accepts everything, `false` nothing).
 */
function syntheticDocument(
  file: SpecFile,
  source: string,
  module: string,
  name: string,
  warn: (message: string) => void,
): { synthetic: Record<string, unknown>; key: string; hoisted: Record<string, unknown> } {
  const whole = isObject(file.doc) ? file.doc : {};
  const { components, ...rest } = whole;
  const root: unknown = isObject(file.doc) ? rest : file.doc;
  const hoisted = isObject(components) && isObject(components.schemas) ? components.schemas : {};
  if (components !== undefined && !isObject(components)) rest.components = components;
  let key = name;
  for (let i = 2; Object.hasOwn(hoisted, key); i++) key = `${name}${i}`;
  if (key !== name)
    warn(
      `components.schemas.${name} is a helper of the schema file; the file's own schema is components.schemas.${key}`,
    );
  const schemasMap: Record<string, unknown> = { ...hoisted };
  setOwn(schemasMap, key, prepareSchemaRefs(root, source, formatPointer(["components", "schemas", key]), module));
  const synthetic = {
    openapi: "3.1.0",
    info: { title: typeof whole.title === "string" ? whole.title : name, version: "0" },
    paths: {},
    components: { schemas: schemasMap },
  };
  return { synthetic, key, hoisted };
}

/**
 * The schema's `$defs` and `definitions`: the types hoist each to a component of its own
 * (emit/types.ts hoistDefinitions).
 */
function definitionEntries(key: string, own: Record<string, unknown>): ComponentEntry[] {
  return ["$defs", "definitions"].flatMap((defs) => {
    const map = own[defs];
    const entry = (def: string) => ({
      key: def,
      at: ["components", "schemas", key, defs, def],
      type: typeOf(definitionKey(key, defs, def)),
    });
    return isObject(map) ? Object.keys(map).map(entry) : [];
  });
}

/** Collections of objects get a name for their element: identity_providers → IdentityProvider. */
function collectionItems(
  doc: unknown,
  name: string,
  key: string,
  names: NameTable,
  warn: (message: string) => void,
): NamedSchema[] {
  const props = isObject(doc) && isObject(doc.properties) ? doc.properties : {};
  // A root without `type` is typed as an object or any non-object (emit/json-schema-types.ts).
  const objectPart = (isObject(doc) ? doc.type : undefined) === undefined;
  const items: NamedSchema[] = [];
  for (const [prop, schema] of Object.entries(props)) {
    if (!isObject(schema) || schema.type !== "array" || !isObject(schema.items)) continue;
    if (schema.items.type !== "object" && !isObject(schema.items.properties)) continue;
    const element = names.claim(pascalCase(singular(prop)), `items of property ${JSON.stringify(prop)}`);
    if (element !== plainPascalCase(singular(prop)))
      warn(`items of property ${JSON.stringify(prop)} are named ${element}`);
    items.push({
      name: element,
      type: { kind: "items", of: name, property: prop, objectPart },
      pointer: formatPointer(["components", "schemas", key, "properties", prop, "items"]),
    });
  }
  return items;
}

/**
 * A problem the bundler found in the synthetic document that wraps a bare schema, located in
 * the schema file as written: `#/components/schemas/<key>/…` is the file's `#/…` (its helpers
 * keep their own `components.schemas` pointers), on the file's own lines.
 */
function locatedInFile(problem: NormalizedProblem, file: SpecFile, key: string): NormalizedProblem {
  const own = `#${formatPointer(["components", "schemas", key])}`;
  const location = problem.location.map((loc) => {
    if (loc.source.absoluteRef !== file.path || loc.pointer === undefined) return loc;
    const inside = loc.pointer === own || loc.pointer.startsWith(`${own}/`);
    const pointer = inside ? `#${loc.pointer.slice(own.length)}` : loc.pointer;
    return { ...loc, source: new Source(file.path, file.text), pointer };
  });
  return { ...problem, location };
}

/**
 * A bare schema's type name: its `title` when that is an identifier (sanitised: `Result` gets
 * `Result_`), else the PascalCase of its file name; a change to either is reported.
 */
function schemaFileName(doc: unknown, file: string, names: NameTable, warn: (message: string) => void): string {
  const title = isObject(doc) && typeof doc.title === "string" && IDENTIFIER.test(doc.title) ? doc.title : undefined;
  if (title !== undefined) {
    const name = names.claim(safeIdentifier(title), `schema file ${JSON.stringify(file)}`);
    if (name !== title) {
      warn(`the title of schema file ${JSON.stringify(file)} is not a free identifier; its type is ${name}`);
    }
    return name;
  }
  const name = names.claim(pascalCase(file), `schema file ${JSON.stringify(file)}`);
  const rule = "is not a free identifier in PascalCase";
  if (name !== plainPascalCase(file)) warn(`schema file ${JSON.stringify(file)} ${rule}; its type is ${name}`);
  return name;
}
