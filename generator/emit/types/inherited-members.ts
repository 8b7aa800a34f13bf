/**
 * Optional members named like a member every object inherits. A value without its own
 * `toString` still has one, `Object.prototype.toString`, so TypeScript refuses `{}` as
 * `{toString?: string}` though the schema (and its validator) accept it. openapi-typescript's
 * `transformProperty` hook types such a member as what reading it may give:
 * `toString?: string | Object["toString"]`. A required member is always the value's own.
 *
 * @module
 */
import type * as OpenApiTypeScript from "openapi-typescript";
import type * as TypeScript from "typescript";

type TransformProperty = NonNullable<Parameters<typeof OpenApiTypeScript.transformSchema>[1]["transformProperty"]>;

/** The members of TypeScript's `Object` interface (lib.es5.d.ts), which every object type inherits. */
const INHERITED = new Set([
  ...["constructor", "toString", "toLocaleString", "valueOf"],
  ...["hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable"],
]);

/** The name of a property signature as written (`toString`, `"toString"`), if it is a plain one. */
function memberName(ts: typeof TypeScript, name: TypeScript.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined;
}

/** openapi-typescript's `transformProperty` option: see the module comment. */
export function inheritedMembers(ts: typeof TypeScript): TransformProperty {
  return (property) => {
    const name = memberName(ts, property.name);
    if (!property.questionToken || !property.type || name === undefined || !INHERITED.has(name)) return undefined;
    const objectMember = ts.factory.createIndexedAccessTypeNode(
      ts.factory.createTypeReferenceNode("Object"),
      ts.factory.createLiteralTypeNode(ts.factory.createStringLiteral(name)),
    );
    const type = ts.factory.createUnionTypeNode([property.type, objectMember]);
    const { modifiers, name: key, questionToken } = property;
    return ts.factory.updatePropertySignature(property, modifiers, key, questionToken, type);
  };
}
