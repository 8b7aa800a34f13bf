// Response examples of a spec, for the validator bench: each JSON 2xx response's `example`, or
// the `value` of each of its `examples` (a local `$ref` to components/examples followed), with
// the model's name for the response body type (the `X` of specgen's `isX` and hey-api's `zX`).
import type { SpecModel } from "../generator/model/types.js";

export interface ResponseExample {
  /** The model's response type name, e.g. `GetAuthMetadataResponse`. */
  name: string;
  value: unknown;
}

const own = (o: unknown, k: string): unknown =>
  typeof o === "object" && o !== null && Object.hasOwn(o, k) ? (o as Record<string, unknown>)[k] : undefined;

/** The value at a JSON pointer ("/a/b~1c") of `doc`, own keys only; undefined when missing. */
export function at(doc: unknown, pointer: string): unknown {
  if (pointer === "") return doc;
  return pointer
    .slice(1)
    .split("/")
    .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce(own, doc);
}

/** Follows a chain of local `$ref`s (at most 20, so a loop ends); a remote one yields undefined. */
function deref(doc: unknown, node: unknown): unknown {
  for (let i = 0; i < 20; i++) {
    const ref = own(node, "$ref");
    if (typeof ref !== "string") return node;
    if (!ref.startsWith("#")) return undefined;
    node = at(doc, decodeURIComponent(ref.slice(1)));
  }
  return undefined;
}

/** The example values of one media type object. */
function mediaExamples(doc: unknown, media: unknown): unknown[] {
  const single = own(media, "example");
  if (single !== undefined) return [single];
  const many = own(media, "examples");
  if (typeof many !== "object" || many === null) return [];
  return Object.values(many).flatMap((e) => {
    const value = own(deref(doc, e), "value");
    return value === undefined ? [] : [value];
  });
}

/** Every example of every JSON 2xx response body of the spec's operations and webhooks. */
export function responseExamples(spec: SpecModel): ResponseExample[] {
  const found: ResponseExample[] = [];
  for (const op of [...spec.operations, ...spec.webhooks]) {
    for (const r of op.responseTypes) {
      if (!/^2/.test(r.status)) continue;
      const pointer = op.responses.find((x) => x.status === r.status)?.jsonSchemaPointer;
      if (pointer === undefined || !pointer.endsWith("/schema")) continue;
      const media = deref(spec.document, at(spec.document, pointer.slice(0, -"/schema".length)));
      for (const value of mediaExamples(spec.document, media)) found.push({ name: r.name, value });
    }
  }
  return found;
}
