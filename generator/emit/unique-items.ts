import { _, str, type KeywordDefinition } from "ajv/dist/2020.js";
import { useFunc } from "ajv/dist/compile/util.js";
import { duplicateItems } from "../runtime/validation.js";

/**
 * `uniqueItems` in linear time. Ajv's own keyword compares every pair of items with its deep
 * equality when the items may be objects or arrays, so an answer with a long list of objects
 * costs time quadratic in its length (a client validating a server's answer could be stalled by
 * it). This definition replaces it: the shipped runtime's {@link duplicateItems} keys each item
 * by a canonical JSON text (own members, keys sorted) and finds a repeat with one Map. Errors
 * keep Ajv's message and params (`i`, `j`: the indices of two equal items).
 *
 * In standalone code the helper is declared as Ajv declares its own (`require("ajv/dist/runtime/…")`),
 * and linked to the runtime's export like them (see RUNTIME_HELPERS in validators/link.ts).
 */
const helper = Object.assign((items: readonly unknown[]) => duplicateItems(items), {
  code: 'require("ajv/dist/runtime/duplicateItems").default',
});

export const UNIQUE_ITEMS: KeywordDefinition = {
  keyword: "uniqueItems",
  type: "array",
  schemaType: "boolean",
  error: {
    message: ({ params: { i, j } }) => str`must NOT have duplicate items (items ## ${j} and ${i} are identical)`,
    params: ({ params: { i, j } }) => _`{i: ${i}, j: ${j}}`,
  },
  code(cxt) {
    const { gen, data, schema } = cxt;
    if (schema !== true) return;
    const found = gen.const("duplicate", _`${useFunc(gen, helper)}(${data})`);
    cxt.setParams({ i: _`${found}[1]`, j: _`${found}[0]` });
    cxt.fail(_`${found} !== undefined`);
  },
};
