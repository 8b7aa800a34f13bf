/**
 * The Ajv instance that compiles one spec's validators, with every schema it needs registered.
 *
 * @module
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import { readsAs30 } from "../../load/oas30.js";
import { ajvResourceId } from "../../load/scoped-refs.js";
import { applyTagConstraints } from "../../model/discriminators.js";
import type { SpecModel } from "../../model/types.js";
import { hoistSubschemas } from "../hoist.js";
import { UNIQUE_ITEMS } from "../unique-items.js";
import { OPENAPI_ANNOTATIONS } from "../../load/keys.js";
import { ajvDocument } from "./ajv-document.js";
import { compileError } from "./compile-error.js";
import { DOCUMENT_AT, exportTable } from "./exports.js";
import { literalPointer } from "./literal-pointer.js";
import { addFormats } from "./formats.js";
import { AJV_OPTIONS, type CompileMode, codeOptions, FIRST_ERROR_OPTIONS } from "./options.js";
import { patternReading, warnUnsafePatterns, type PatternReading } from "./patterns.js";
import type { DocumentFacts } from "../../model/facts.js";
import { strictSchemaOptions } from "./strict.js";
import type { ValidatorTarget } from "./targets.js";

/** Where subschemas hoisted out of the document are (see hoist.ts), as a `$ref` prefix. */
const SHARED_AT = "#/$defs/shared/";

/** What {@link createAjv} gives. */
export interface CompiledSpec {
  ajv: Ajv2020;
  keys: Record<string, string>;
  aliases: Record<string, string>;
  usesFormats: boolean;
  /** Where each subschema hoisted into a function of its own stood in the document (see hoist.ts). */
  origins: Record<string, string[]>;
}

/**
 * The Ajv instance for one spec, holding all of its schemas: the bundled document and one entry
 * per target form a single schema resource, so every shared component is compiled, and emitted,
 * once. `keys` maps each compiled `validateX` export name to its schema's key for standalone code;
 * `aliases` maps the other `validateX` names to the compiled export with the same schema. With
 * `unsafeLater`, the warnings about unsafe regexes are not said here: it is called where they
 * would be (the caller says them once the verdicts are in, see held-warnings.ts).
 */
export function createAjv(
  spec: SpecModel,
  targets: readonly ValidatorTarget[],
  warn?: (message: string) => void,
  mode: CompileMode = "all",
  unsafeLater?: () => void,
): CompiledSpec {
  const found = spec.facts;
  const patterns = patternReading(spec, found.patterns, warn);
  if (unsafeLater) unsafeLater();
  else if (warn) warnUnsafePatterns(spec, warn);
  const ajv = newAjv(spec, mode, patterns.plain, warn);
  const usesFormats = addFormats(ajv, spec, found.formats, warn);
  const { resource, keys, aliases, origins } = schemaResource(spec, targets, found, patterns);
  try {
    ajv.addSchema(resource);
  } catch (err) {
    throw compileError(err, spec);
  }
  return { ajv, keys, aliases, usesFormats, origins };
}

/** An Ajv instance with the options, keywords and vocabulary of every compile. */
function newAjv(spec: SpecModel, mode: CompileMode, plain: boolean, warn?: (message: string) => void): Ajv2020 {
  const ajv = new Ajv2020({
    ...AJV_OPTIONS,
    ...(mode === "first" ? FIRST_ERROR_OPTIONS : {}),
    ...strictSchemaOptions(warn, spec),
    unicodeRegExp: !plain,
    code: codeOptions(spec, mode),
  });
  // `x-*` keys never reach Ajv (ajvDocument leaves them out), so their names, which need not be
  // valid Ajv keyword names (`x-go.type`), are not registered.
  ajv.addVocabulary([...OPENAPI_ANNOTATIONS]);
  ajv.removeKeyword("uniqueItems");
  ajv.addKeyword(UNIQUE_ITEMS);
  return ajv;
}

/**
 * The one schema resource of a spec: the document's copy for Ajv (see ajv-document.ts), the
 * exported wrappers (see exports.ts) and the subschemas hoisted out of the document.
 */
function schemaResource(
  spec: SpecModel,
  targets: readonly ValidatorTarget[],
  found: DocumentFacts,
  patterns: PatternReading,
) {
  const id = ajvResourceId(spec.module);
  const { exports, keys, aliases } = exportTable(spec, targets, id);
  const rules = { prefix: `#${DOCUMENT_AT}`, from30: readsAs30(spec.document), patterns: patterns.unicode };
  const document = ajvDocument(spec.document, rules);
  // Discriminated unions are as narrow as the types make them (see model/discriminators.ts).
  applyTagConstraints(document, found.tagConstraints);
  // Big and repeated subschemas become functions of their own (see hoist.ts). A bare schema's
  // `$ref`s may resolve against an `$id` or an `$anchor`, so it is compiled as written.
  const pinned = targets.map((t) => literalPointer(spec.document, t.pointer));
  const hoisted =
    spec.kind === "openapi"
      ? hoistSubschemas(document, `#${DOCUMENT_AT}`, SHARED_AT, pinned)
      : { document, schemas: {}, origins: {} };
  const resource = { $id: id, $defs: { document: hoisted.document, exports, shared: hoisted.schemas } };
  return { resource, keys, aliases, origins: hoisted.origins };
}
