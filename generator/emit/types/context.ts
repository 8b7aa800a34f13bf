/**
 * The context openapi-typescript's `transformSchema` reads, built as `openapiTS()` builds it
 * (7.13, pinned) for our options, with our transforms for tuples and inherited member names.
 *
 * @module
 */
import { createConfig } from "@redocly/openapi-core";
import type * as OpenApiTypeScript from "openapi-typescript";
import type { OpenAPI3 } from "openapi-typescript";
import { inheritedMembers } from "./inherited-members.js";
import { libraries } from "./libraries.js";
import { tupleTransform } from "./tuples.js";

export type GlobalContext = Parameters<typeof OpenApiTypeScript.transformSchema>[1];

/**
 * openapi-typescript's context for `document`. `openapiTS()` itself is not called: before
 * transforming, it parses, lints and bundles the document again with Redocly, two more walks
 * over a document the loader has already bundled and struct-checked (a third of the types' time
 * on a 2 MB spec). With `readWriteMarkers`, readOnly/writeOnly properties are marked.
 */
export async function typesContext(document: OpenAPI3, readWriteMarkers: boolean): Promise<GlobalContext> {
  const { ots, ts } = libraries();
  const { resolveRef, scanDiscriminators } = ots;
  const options = {
    emptyObjectsUnknown: true,
    defaultNonNullable: false,
    silent: true,
    alphabetize: false,
    readWriteMarkers,
  } as const;
  return {
    ...options,
    additionalProperties: false,
    arrayLength: false,
    discriminators: scanDiscriminators(document, options),
    enum: false,
    enumValues: false,
    conditionalEnums: false,
    dedupeEnums: false,
    excludeDeprecated: false,
    exportType: false,
    immutable: false,
    rootTypes: false,
    rootTypesNoSchemaPrefix: false,
    rootTypesKeepCasing: false,
    injectFooter: [],
    pathParamsAsTypes: false,
    postTransform: undefined,
    propertiesRequiredByDefault: false,
    // Not read by the transforms; required by the context's type (made in under a millisecond).
    redoc: await createConfig({ extends: [], rules: {} }),
    transform: tupleTransform(ots, ts),
    transformProperty: inheritedMembers(ts),
    makePathsEnum: false,
    generatePathParams: false,
    resolve: <T>($ref: string) => resolveRef<T>(document, $ref, { silent: true }),
  };
}
