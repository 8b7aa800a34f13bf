import { basename, dirname, relative, sep } from "node:path";
import { bundleFromString, createConfig, type NormalizedProblem } from "@redocly/openapi-core";
import type { SpecFile } from "../load/read.js";
import { bundleOpenApi } from "../load/bundle.js";
import { applyOverlay } from "../load/overlay.js";
import { isObject } from "../load/refs.js";
import { NameTable, camelCase, pascalCase, singular } from "./names.js";
import type { Model, NamedSchema, PackageInfo, OperationModel, ParameterModel, ResponseModel, SpecModel } from "./types.js";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

export interface BuildResult {
  model: Model;
  problems: NormalizedProblem[];
  /** Every file read: the specs and all files their `$ref`s reach. */
  inputs: string[];
}

/** Builds the model from parsed spec files (OpenAPI documents and bare JSON Schemas). */
export async function buildModel(
  files: SpecFile[],
  root: string,
  overlays: ReadonlyMap<string, SpecFile[]>,
  pkg: { name: string; version: string; license: string },
): Promise<BuildResult> {
  const warnings: string[] = [];
  const notices: PackageInfo["notices"] = [];
  const inputs: string[] = [];
  const problems: NormalizedProblem[] = [];
  const specs: SpecModel[] = [];
  for (const file of files) {
    const source = relative(root, file.path).split(sep).join("/");
    inputs.push(file.path);
    const module = source.replace(/\.(ya?ml|json)$/i, "");
    const header = /^(#[^\n]*\n)+/.exec(file.text)?.[0];
    if (header && /copyright|licen[cs]e/i.test(header)) notices.push({ source, text: header.replace(/^# ?/gm, "") });
    if (file.kind === "openapi") {
      let overlaid: unknown;
      for (const overlay of overlays.get(file.path) ?? []) overlaid = applyOverlay(overlaid ?? file.doc, overlay.doc, overlay.path);
      const bundled = await bundleOpenApi(file.path, overlaid);
      problems.push(...bundled.problems);
      inputs.push(...bundled.files);
      if (bundled.problems.length) continue;
      specs.push(openApiSpec(source, module, bundled.document, (m) => warnings.push(`${source}: ${m}`)));
    } else if (file.kind === "json-schema") {
      const built = await schemaSpec(file, source, module);
      problems.push(...built.problems);
      inputs.push(...built.files);
      if (built.spec) specs.push(built.spec);
    }
  }
  return { model: { specs, warnings, pkg: { ...pkg, notices } }, problems, inputs };
}

function openApiSpec(source: string, module: string, document: Record<string, unknown>, warn: (m: string) => void): SpecModel {
  const names = new NameTable(warn);
  const operations: OperationModel[] = [];
  const paths = isObject(document.paths) ? document.paths : {};
  for (const [pathKey, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    const path = pathKey.trim();
    if (path !== pathKey) warn(`path key ${JSON.stringify(pathKey)} has surrounding whitespace; requests use ${JSON.stringify(path)}`);
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const operationId = typeof op.operationId === "string" ? op.operationId : `${method} ${path}`;
      if (typeof op.operationId !== "string") warn(`${method.toUpperCase()} ${path} has no operationId; named from method and path`);
      const typeName = names.claim(pascalCase(operationId), `operation ${operationId}`);
      const parameters = collectParameters(document, item.parameters, op.parameters);
      const responses = collectResponses(document, pathKey, method, op.responses);
      const jsonResponses = responses.filter((r) => r.jsonSchemaPointer);
      const responseTypes = jsonResponses.map((r, i) => ({
        status: r.status,
        name: names.claim(`${typeName}Response${i === 0 && r.status.startsWith("2") ? "" : r.status}`, `response ${r.status} of ${operationId}`),
      }));
      const success = responses.filter((r) => /^[23]/.test(r.status));
      const redirect = success.length > 0 && success.every((r) => r.status.startsWith("3") && r.headers.some((h) => h.toLowerCase() === "location"));
      operations.push({
        operationId, name: camelCase(typeName), typeName, method: method.toUpperCase(), pathKey, path,
        parameters, responses, redirect, responseTypes, deprecated: op.deprecated === true,
      });
    }
  }
  return { source, module, kind: "openapi", document, basePath: basePathOf(document), operations, schemas: [] };
}

function deref(document: Record<string, unknown>, node: unknown): unknown {
  for (let i = 0; i < 32 && isObject(node) && typeof node.$ref === "string" && node.$ref.startsWith("#/"); i++) {
    let target: unknown = document;
    for (const part of node.$ref.slice(2).split("/")) {
      const key = decodeURIComponent(part).replace(/~1/g, "/").replace(/~0/g, "~");
      target = isObject(target) ? target[key] : undefined;
    }
    node = target;
  }
  return node;
}

function collectParameters(document: Record<string, unknown>, ...lists: unknown[]): ParameterModel[] {
  const byKey = new Map<string, ParameterModel>();
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const p = deref(document, raw);
      if (!isObject(p) || typeof p.name !== "string" || typeof p.in !== "string") continue;
      const where = p.in as ParameterModel["in"];
      // Operation-level parameters override path-level ones with the same name and location.
      byKey.set(`${where}:${p.name}`, { name: p.name, in: where, required: where === "path" || p.required === true });
    }
  }
  return [...byKey.values()];
}

function collectResponses(document: Record<string, unknown>, pathKey: string, method: string, raw: unknown): ResponseModel[] {
  if (!isObject(raw)) return [];
  return Object.entries(raw).map(([status, r]) => {
    const response = deref(document, r);
    const headers = isObject(response) && isObject(response.headers) ? Object.keys(response.headers) : [];
    const content = isObject(response) && isObject(response.content) ? response.content : {};
    const json = Object.keys(content).find((t) => /^application\/(.+\+)?json/.test(t));
    const model: ResponseModel = { status, headers };
    if (json && isObject(content[json]) && "schema" in (content[json] as object)) {
      model.jsonSchemaPointer = pointer(["paths", pathKey, method, "responses", status, "content", json, "schema"]);
    }
    return model;
  });
}

export function pointer(parts: string[]): string {
  return "/" + parts.map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");
}

function basePathOf(document: Record<string, unknown>): string {
  const server = Array.isArray(document.servers) ? document.servers[0] : undefined;
  if (!isObject(server) || typeof server.url !== "string") return "";
  const vars = isObject(server.variables) ? server.variables : {};
  const url = server.url.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const v = vars[name];
    return isObject(v) && v.default !== undefined ? String(v.default) : "";
  });
  try {
    return new URL(url, "http://placeholder.invalid").pathname.replace(/\/$/, "");
  } catch {
    return "";
  }
}

/**
 * openapi-typescript reads only OpenAPI documents, so a bare schema becomes the one component
 * of a synthetic document, bundled from the schema's own folder so its relative `$ref`s resolve.
 */
async function schemaSpec(file: SpecFile, source: string, module: string): Promise<{ spec?: SpecModel; problems: NormalizedProblem[]; files: string[] }> {
  const name = pascalCase(basename(module));
  // Some bare schemas (Matrix's olm_plaintext.yaml) keep helper schemas in their own
  // `components.schemas`: those become siblings of the main schema, where their refs point.
  const { components, ...root } = file.doc as Record<string, unknown>;
  const hoisted = isObject(components) && isObject(components.schemas) ? components.schemas : {};
  if (components !== undefined && !isObject(components)) (root as Record<string, unknown>).components = components;
  const synthetic = {
    openapi: "3.1.0",
    info: { title: typeof (file.doc as Record<string, unknown>).title === "string" ? (file.doc as Record<string, string>).title : name, version: "0" },
    paths: {},
    components: { schemas: { ...hoisted, [name]: rebaseLocalRefs(root, pointer(["components", "schemas", name])) } },
  };
  const result = await bundleFromString({
    source: JSON.stringify(synthetic),
    absoluteRef: `${dirname(file.path)}/${basename(file.path)}`,
    config: await createConfig({}),
    dereference: false,
  });
  const problems = result.problems.filter((p) => p.severity === "error");
  const files = [...result.fileDependencies];
  if (problems.length) return { problems, files };
  const document = result.bundle.parsed as Record<string, unknown>;
  const schemas: NamedSchema[] = [{ name, typeExpression: `components["schemas"][${JSON.stringify(name)}]`, pointer: pointer(["components", "schemas", name]) }];
  // Collections of objects get a name for their element: identity_providers → IdentityProvider.
  const props = isObject(file.doc) && isObject((file.doc as Record<string, unknown>).properties) ? ((file.doc as Record<string, unknown>).properties as Record<string, unknown>) : {};
  for (const [prop, schema] of Object.entries(props)) {
    if (isObject(schema) && schema.type === "array" && isObject(schema.items) && (schema.items.type === "object" || isObject(schema.items.properties))) {
      schemas.push({
        name: pascalCase(singular(prop)),
        typeExpression: `NonNullable<${name}[${JSON.stringify(prop)}]>[number]`,
        pointer: pointer(["components", "schemas", name, "properties", prop, "items"]),
      });
    }
  }
  return { spec: { source, module, kind: "json-schema", document, basePath: "", operations: [], schemas }, problems, files };
}

/** A local `#/…` ref in a bare schema is relative to that file's root, which now sits at `base`. */
function rebaseLocalRefs(node: unknown, base: string): unknown {
  if (Array.isArray(node)) return node.map((v) => rebaseLocalRefs(v, base));
  if (!isObject(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    const local = k === "$ref" && typeof v === "string" && v.startsWith("#") && !v.startsWith("#/components/");
    const value = local ? `#${base}${(v as string).slice(1)}` : rebaseLocalRefs(v, base);
    Object.defineProperty(out, k, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
