import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { fullFormats as ajvFormats } from "ajv-formats/dist/formats.js";
import { checkDateTime, DATE_TIME_FORMAT, fastDateTime, fullFormats } from "../generator/runtime/formats.js";
import { SHARED } from "./helpers.js";

/**
 * The generated validators check `format: date-time` with a fast path in front of ajv-formats'
 * full RFC 3339 check (generator/runtime/formats.ts). The fast path may only accept what the full
 * check accepts, so that the verdict is always the full one.
 */
const full = (ajvFormats["date-time"] as { validate: (value: string) => boolean }).validate;

/** Two digits (or sometimes one or three), biased to the edges of each field's range. */
const digits = (edges: readonly number[]) =>
  fc.oneof(
    fc.constantFrom(...edges).map((n) => String(n).padStart(2, "0")),
    fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, "0")),
    fc.constantFrom("0", "123", "x1", "\u0661\u0662"),
  );
const year = fc.oneof(
  fc.constantFrom("2000", "1900", "2024", "2023", "0000", "9999"),
  fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, "0")),
  fc.constantFrom("202", "20240", "+2024"),
);
const fraction = fc.oneof(
  fc.constant(""),
  fc.integer({ min: 0, max: 20 }).map((n) => `.${"9".repeat(n)}`),
  fc.stringMatching(/^\.\d{1,12}$/),
);
const zone = fc.oneof(
  fc.constantFrom("Z", "z", "", " ", "Z\n", "ZZ"),
  fc
    .tuple(fc.constantFrom("+", "-", "\u2212"), digits([0, 23, 24]), fc.constantFrom(":", "", "."), digits([0, 59, 60]))
    .map((p) => p.join("")),
);
const dateTimeLike = fc
  .tuple(
    year,
    fc.constantFrom("-", "/"),
    digits([0, 1, 2, 12, 13]),
    fc.constant("-"),
    digits([0, 1, 28, 29, 30, 31, 32]),
    fc.constantFrom("T", "t", " ", "\t", "TT", "_"),
    digits([0, 23, 24]),
    fc.constantFrom(":"),
    digits([0, 59, 60]),
    fc.constantFrom(":", ""),
    digits([0, 59, 60, 61]),
    fraction,
    zone,
  )
  .map((p) => p.join(""));

test("the fast date-time path accepts nothing ajv-formats' full check rejects (fast-check, 50,000 strings)", () => {
  fc.assert(
    fc.property(fc.oneof(dateTimeLike, fc.string()), (s) => {
      if (fastDateTime(s))
        assert.equal(full(s), true, `fast path accepted ${JSON.stringify(s)}, full check rejects it`);
      assert.equal(checkDateTime(s), full(s), JSON.stringify(s));
    }),
    { numRuns: 50_000 },
  );
});

const cases: Array<[string, { given: string; valid: boolean; fast: boolean }]> = [
  ["UTC, seconds", { given: "2021-12-15T14:15:22Z", valid: true, fast: true }],
  ["milliseconds", { given: "2021-12-15T14:15:22.123Z", valid: true, fast: true }],
  ["nanoseconds", { given: "2021-12-15T14:15:22.123456789Z", valid: true, fast: true }],
  ["an offset", { given: "2021-12-15T14:15:22+05:30", valid: true, fast: true }],
  ["a negative offset, the largest", { given: "2021-12-15T14:15:22-23:59", valid: true, fast: true }],
  ["the last day of each long month", { given: "2021-01-31T00:00:00Z", valid: true, fast: true }],
  ["the last second of a year", { given: "2021-12-31T23:59:59.999Z", valid: true, fast: true }],
  ["a leap day (full check)", { given: "2024-02-29T00:00:00Z", valid: true, fast: false }],
  ["a leap day in a common year", { given: "2023-02-29T00:00:00Z", valid: false, fast: false }],
  ["a leap day in 1900", { given: "1900-02-29T00:00:00Z", valid: false, fast: false }],
  ["a leap second at 23:59 UTC (full check)", { given: "2016-12-31T23:59:60Z", valid: true, fast: false }],
  ["a leap second at another hour", { given: "2016-12-31T12:59:60Z", valid: false, fast: false }],
  ["lowercase t and z (full check)", { given: "2021-12-15t14:15:22z", valid: true, fast: false }],
  ["a space as separator (full check)", { given: "2021-12-15 14:15:22Z", valid: true, fast: false }],
  ["an offset without colon (full check)", { given: "2021-12-15T14:15:22+0530", valid: true, fast: false }],
  ["an offset of hours only (full check)", { given: "2021-12-15T14:15:22+05", valid: true, fast: false }],
  ["ten fraction digits (full check)", { given: "2021-12-15T14:15:22.1234567891Z", valid: true, fast: false }],
  [
    "a fraction that rounds the seconds to 60",
    { given: "2021-12-15T10:00:59.99999999999999999Z", valid: false, fast: false },
  ],
  ["no time zone", { given: "2021-12-15T14:15:22", valid: false, fast: false }],
  ["month 13", { given: "2021-13-15T14:15:22Z", valid: false, fast: false }],
  ["month 00", { given: "2021-00-15T14:15:22Z", valid: false, fast: false }],
  ["day 00", { given: "2021-12-00T14:15:22Z", valid: false, fast: false }],
  ["April 31", { given: "2021-04-31T14:15:22Z", valid: false, fast: false }],
  ["hour 24", { given: "2021-12-15T24:00:00Z", valid: false, fast: false }],
  ["minute 60", { given: "2021-12-15T14:60:22Z", valid: false, fast: false }],
  ["offset hour 24", { given: "2021-12-15T14:15:22+24:00", valid: false, fast: false }],
  ["offset minute 60", { given: "2021-12-15T14:15:22+05:60", valid: false, fast: false }],
  ["a trailing line break", { given: "2021-12-15T14:15:22Z\n", valid: false, fast: false }],
  ["Arabic-Indic digits", { given: "2021-12-15T14:15:\u0662\u0662Z", valid: false, fast: false }],
  ["a date only", { given: "2021-12-15", valid: false, fast: false }],
];

for (const [name, { given, valid, fast }] of cases) {
  test(`date-time: ${name}`, () => {
    assert.equal(full(given), valid, "ajv-formats' full check");
    assert.equal(checkDateTime(given), valid, "the shipped check");
    assert.equal(fastDateTime(given), fast, "the fast path");
  });
}

test("the shipped date-time format keeps ajv-formats' shape: validate and compare", () => {
  const original = ajvFormats["date-time"] as { compare: unknown };
  assert.equal(fullFormats["date-time"], DATE_TIME_FORMAT);
  assert.equal(DATE_TIME_FORMAT.validate, checkDateTime);
  assert.equal(DATE_TIME_FORMAT.compare, original.compare);
});

test("date-time: ajv-formats' verdict on every string of the JSON-Schema-Test-Suite's date-time cases", () => {
  const file = join(SHARED, "corpus/json-schema-test-suite/draft2020-12/optional/format/date-time.json");
  const groups = JSON.parse(readFileSync(file, "utf8")) as Array<{ tests: Array<{ data: unknown }> }>;
  const strings = groups.flatMap((g) => g.tests.map((t) => t.data)).filter((d) => typeof d === "string");
  assert.ok(strings.length > 20, `${strings.length} strings`);
  for (const s of strings) assert.equal(checkDateTime(s), full(s), JSON.stringify(s));
});
