// Response headers as the model holds them (model/headers.ts, through model/responses.ts): each a
// Header Object with its name as written, required, deprecated, description and the pointer of
// its schema in the document, `$ref`s followed, so no emitter reopens the document for one.
import assert from "node:assert/strict";
import { test } from "node:test";
import { collectResponses } from "../generator/model/responses.js";
import type { HeaderModel } from "../generator/model/types.js";

const AT = ["paths", "/x", "get", "responses"];
const RESPONSES = "/paths/~1x/get/responses";

/** A document with `responses` under GET /x and `components` beside it. */
const documentWith = (responses: unknown, components: unknown = {}) => ({
  paths: { "/x": { get: { responses } } },
  components,
});

const cases: Array<
  [string, { given: { responses: unknown; components?: unknown }; want: Record<string, HeaderModel[]> }]
> = [
  ["a response without headers", { given: { responses: { "200": { description: "ok" } } }, want: { "200": [] } }],
  [
    "an inline header: its fields, and its schema where it is",
    {
      given: {
        responses: {
          "200": {
            headers: {
              "X-Rate-Limit": {
                required: true,
                deprecated: true,
                description: "calls left",
                schema: { type: "integer" },
              },
            },
          },
        },
      },
      want: {
        "200": [
          {
            name: "X-Rate-Limit",
            required: true,
            deprecated: true,
            description: "calls left",
            schemaPointer: `${RESPONSES}/200/headers/X-Rate-Limit/schema`,
          },
        ],
      },
    },
  ],
  [
    "names as written, in the spec's order, escaped in the pointer",
    {
      given: { responses: { "302": { headers: { location: { schema: {} }, "a/b~c": { schema: {} } } } } },
      want: {
        "302": [
          {
            name: "location",
            required: false,
            deprecated: false,
            schemaPointer: `${RESPONSES}/302/headers/location/schema`,
          },
          {
            name: "a/b~c",
            required: false,
            deprecated: false,
            schemaPointer: `${RESPONSES}/302/headers/a~1b~0c/schema`,
          },
        ],
      },
    },
  ],
  [
    "a $ref'd header: its fields and schema in components/headers",
    {
      given: {
        responses: { "200": { headers: { ETag: { $ref: "#/components/headers/Tag" } } } },
        components: { headers: { Tag: { required: true, description: "version", schema: { type: "string" } } } },
      },
      want: {
        "200": [
          {
            name: "ETag",
            required: true,
            deprecated: false,
            description: "version",
            schemaPointer: "/components/headers/Tag/schema",
          },
        ],
      },
    },
  ],
  [
    "a $ref'd response: its headers where the response is",
    {
      given: {
        responses: { "401": { $ref: "#/components/responses/Denied" } },
        components: { responses: { Denied: { headers: { "WWW-Authenticate": { schema: { type: "string" } } } } } },
      },
      want: {
        "401": [
          {
            name: "WWW-Authenticate",
            required: false,
            deprecated: false,
            schemaPointer: "/components/responses/Denied/headers/WWW-Authenticate/schema",
          },
        ],
      },
    },
  ],
  [
    "a header described by content: the schema of its media type",
    {
      given: {
        responses: { "200": { headers: { Link: { content: { "text/plain": { schema: { type: "string" } } } } } } },
      },
      want: {
        "200": [
          {
            name: "Link",
            required: false,
            deprecated: false,
            schemaPointer: `${RESPONSES}/200/headers/Link/content/text~1plain/schema`,
          },
        ],
      },
    },
  ],
  [
    "no schema, fields of the wrong type, a dangling $ref: no pointer, defaults",
    {
      given: {
        responses: {
          "200": {
            headers: {
              Bare: { required: "yes", deprecated: 1, description: 5 },
              Gone: { $ref: "#/components/headers/Missing" },
              Odd: "not an object",
            },
          },
        },
      },
      want: {
        "200": [
          { name: "Bare", required: false, deprecated: false },
          { name: "Gone", required: false, deprecated: false },
          { name: "Odd", required: false, deprecated: false },
        ],
      },
    },
  ],
  [
    "a header named __proto__ is a name like any other",
    {
      given: JSON.parse('{"responses": {"200": {"headers": {"__proto__": {"schema": {}}}}}}'),
      want: {
        "200": [
          {
            name: "__proto__",
            required: false,
            deprecated: false,
            schemaPointer: `${RESPONSES}/200/headers/__proto__/schema`,
          },
        ],
      },
    },
  ],
];

for (const [name, { given, want }] of cases) {
  test(`response headers: ${name}`, () => {
    const document = documentWith(given.responses, given.components);
    const responses = collectResponses(document, AT, given.responses);
    const got = Object.fromEntries(responses.map((r) => [r.status, r.headers]));
    assert.deepEqual(got, want);
  });
}
