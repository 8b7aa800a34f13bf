/**
 * The auth-metadata corpus (../shared/corpus/auth-metadata): every file's verdict and failing
 * pointers, for the spec as written and for the shipped validators.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { problemsOf } from "../generator/runtime/validation.js";
import { loadValidators } from "../generator/validate/index.js";
import { ROOT } from "./helpers.js";
import {
  type RawValidator,
  CORPUS,
  fn,
  isAuth,
  problems,
  pointers,
  ISS,
  RT,
  GT,
  RM,
  CC,
  REG,
  REV,
  AUTH,
  TOKEN,
  PROSE_RULES_ON,
  corpusDoc,
} from "./generated-validators.js";

// ---------------------------------------------------------------------------
// The auth-metadata corpus
// ---------------------------------------------------------------------------

/**
 * Expected verdicts from ../shared/corpus/auth-metadata/SOURCES.md, one row per file.
 * `schema`: the "schema v1.15 (seed)" column, as the failing JSON pointers (`[]` = pass; a
 * missing property is reported at its own pointer, the root as `""`).
 * `prose`: the "prose rules" column (the MUST rules stated only in descriptions), mapped to the
 * pointer of the property each rule is about. It only counts when the prose rules are compiled
 * in, i.e. when specgen.config.json applies specs/overlays/auth_metadata.must.yaml.
 */
interface Row {
  file: string;
  schema: string[];
  prose: string[];
}
const TABLE: Row[] = [
  // valid-or-real/
  { file: "valid-or-real/rfc8414-example.json", schema: [CC, GT, RM, REV], prose: [GT, RM, CC] },
  {
    file: "valid-or-real/openshift-oauth-server-example.json",
    schema: [REG, RM, REV, AUTH, ISS, TOKEN],
    prose: [ISS, GT, RM],
  },
  { file: "valid-or-real/msc2965-proposal-example.json", schema: [ISS], prose: [ISS] },
  { file: "valid-or-real/matrix-spec-v1.19-example.json", schema: [], prose: [] },
  { file: "valid-or-real/ruma-test-fixture.json", schema: [], prose: [] },
  { file: "valid-or-real/matrix-js-sdk-testing-fixture.json", schema: [], prose: [] },
  { file: "valid-or-real/mas-element-web-playwright-fixture.json", schema: [], prose: [ISS] },
  { file: "valid-or-real/mas-caddy-handwritten.json", schema: [RM], prose: [RM] },
  { file: "valid-or-real/google-dockyard-2022.json", schema: [REG, RM], prose: [RM] },
  { file: "valid-or-real/google-inter-mediator.json", schema: [REG, RM], prose: [RM] },
  { file: "valid-or-real/microsoft-common-v2-dockyard-2022.json", schema: [CC, GT, REG, REV, ISS], prose: [GT, CC] },
  { file: "valid-or-real/microsoft-entra-tenant-recording.json", schema: [CC, GT, REG, REV], prose: [GT, CC] },
  { file: "valid-or-real/okta-org-dockyard-2022.json", schema: [], prose: [] },
  { file: "valid-or-real/okta-custom-as-2026.json", schema: [], prose: [] },
  { file: "valid-or-real/keycloak-master-dockyard.json", schema: [], prose: [ISS] },
  { file: "valid-or-real/auth0-dockyard-2022.json", schema: [GT], prose: [GT] },
  { file: "valid-or-real/onelogin-dockyard-2022.json", schema: [], prose: [] },
  {
    file: "valid-or-real/vault-oidc-provider-dockyard-2022.json",
    schema: [CC, REG, RM, REV],
    prose: [ISS, GT, RM, CC],
  },
  { file: "valid-or-real/gitlab-oauth-authorization-server.json", schema: [REG], prose: [] },
  {
    file: "valid-or-real/github-actions-oidc.json",
    schema: [AUTH, CC, GT, REG, RM, REV, TOKEN],
    prose: [RT, GT, RM, CC],
  },
  { file: "valid-or-real/apple-edgedb-fixture.json", schema: [CC, GT, REG], prose: [GT, CC] },
  { file: "valid-or-real/vercel-oauth-as.json", schema: [], prose: [RM] },
  { file: "valid-or-real/oidc-provider-v9.json", schema: [], prose: [ISS] },
  { file: "valid-or-real/oidc-provider-v9-default-features.json", schema: [REG, REV], prose: [ISS] },
  // invalid/
  {
    file: "invalid/01-empty-object.json",
    schema: [AUTH, CC, GT, ISS, REG, RM, RT, REV, TOKEN],
    prose: [ISS, RT, GT, RM, CC],
  },
  { file: "invalid/02-json-null.json", schema: [""], prose: [""] },
  { file: "invalid/03-missing-issuer.json", schema: [ISS], prose: [ISS] },
  { file: "invalid/04-missing-registration-endpoint.json", schema: [REG], prose: [] },
  { file: "invalid/05-missing-response-modes.json", schema: [RM], prose: [RM] },
  { file: "invalid/06-issuer-wrong-type-number.json", schema: [ISS], prose: [ISS] },
  { file: "invalid/07-issuer-empty-string.json", schema: [ISS], prose: [ISS] },
  { file: "invalid/08-issuer-http-scheme.json", schema: [], prose: [ISS] },
  { file: "invalid/09-issuer-with-query.json", schema: [], prose: [ISS] },
  { file: "invalid/10-issuer-with-fragment.json", schema: [], prose: [ISS] },
  { file: "invalid/11-issuer-with-whitespace.json", schema: [ISS], prose: [] },
  { file: "invalid/12-endpoint-relative-reference.json", schema: [TOKEN], prose: [] },
  { file: "invalid/13-endpoint-javascript-scheme.json", schema: [], prose: [] },
  { file: "invalid/14-array-items-non-strings.json", schema: [`${CC}/1`, `${RT}/1`, `${RT}/2`, `${RT}/3`], prose: [] },
  { file: "invalid/15-missing-code-response-type.json", schema: [], prose: [RT] },
];
const expected = (row: Row, prose: boolean) => [...new Set([...row.schema, ...(prose ? row.prose : [])])].sort();

test("the corpus table covers every file of ../shared/corpus/auth-metadata", () => {
  const files = ["valid-or-real", "invalid"]
    .flatMap((d) => readdirSync(join(CORPUS, d)).map((f) => `${d}/${f}`))
    .sort();
  assert.deepEqual(TABLE.map((r) => r.file).sort(), files);
  assert.equal(
    TABLE.filter((r) => r.file.startsWith("valid-or-real/") && !r.schema.length).length,
    10,
    "SOURCES.md: schema v1.15, 10 pass",
  );
  assert.equal(
    TABLE.filter((r) => r.file.startsWith("valid-or-real/") && !r.prose.length).length,
    7,
    "SOURCES.md: prose rules, 7 pass",
  );
});

test("auth-metadata corpus, spec as written (no overlay): every verdict and pointer is the v1.15 column", async () => {
  const { exports } = await loadValidators("specs/client-server/auth_metadata.yaml", { cwd: ROOT, overlays: false });
  const validate = fn<RawValidator>(exports, "validateGetAuthMetadataResponse");
  for (const row of TABLE) {
    const doc = corpusDoc(row.file);
    const ok = validate(doc);
    const got = ok ? [] : pointers(problemsOf(validate.errors));
    assert.deepEqual(got, expected(row, false), row.file);
    assert.equal(ok, row.schema.length === 0, row.file);
  }
});

/** What the shipped validators check besides the schema column, for the test's title. */
const PROSE_COLUMN = PROSE_RULES_ON ? " plus the prose column (MUST overlay on)" : " (prose column off)";

test(`auth-metadata corpus, shipped validators: the schema column${PROSE_COLUMN}`, () => {
  for (const row of TABLE) {
    const doc = corpusDoc(row.file);
    const want = expected(row, PROSE_RULES_ON);
    assert.equal(isAuth(doc), want.length === 0, row.file);
    assert.deepEqual(pointers(problems(doc)), want, row.file);
  }
  // The three documents that meet every rule of the seed, plus the prose-only failures.
  assert.equal(
    isAuth(corpusDoc("invalid/13-endpoint-javascript-scheme.json")),
    true,
    "a javascript: endpoint is a valid absolute URI",
  );
});
