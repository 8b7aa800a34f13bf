// Patterns only plain mode compiles, in their Unicode form (generator/load/regex.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { unicodeEquivalent } from "../generator/load/regex.js";

test("unicodeEquivalent drops the backslash of escaped punctuation, keeps every escape Unicode mode reads", () => {
  assert.equal(unicodeEquivalent("^[a-zA-Z0-9_\\-\\:]+$"), "^[a-zA-Z0-9_\\-:]+$");
  assert.equal(unicodeEquivalent("^a\\-b\\:c\\'d\\@$"), "^a-b:c'd@$");
  assert.equal(unicodeEquivalent("^[\\]\\:]\\d\\.\\/\\$$"), "^[\\]:]\\d\\.\\/\\$$");
  // A letter escape plain mode reads as the letter (`\a`), or a lone brace, needs more: undefined.
  assert.equal(unicodeEquivalent("^\\a$"), undefined);
  assert.equal(unicodeEquivalent("^a{$"), undefined);
});

// Pieces of patterns, escaped punctuation among them, inside and outside classes.
const PIECES = [
  "a",
  "z",
  "-",
  ":",
  "\\-",
  "\\:",
  "\\'",
  "\\@",
  "\\.",
  "\\d",
  "\\w",
  "[",
  "]",
  "[^",
  "^",
  "$",
  "+",
  "*",
  "?",
  "(",
  ")",
  "|",
  "\\/",
  "\\#",
  "\\ ",
];
const TEXT = [..."az-:'@.#/ 09_", "\u00e9"];

test("a pattern and its Unicode form match the same strings (fast-check, 3,000 patterns)", () => {
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }),
      fc.array(fc.array(fc.constantFrom(...TEXT), { maxLength: 8 }), { minLength: 8, maxLength: 8 }),
      (parts, texts) => {
        const pattern = parts.join("");
        let plain: RegExp;
        try {
          plain = new RegExp(pattern);
        } catch {
          return;
        }
        const unicode = unicodeEquivalent(pattern);
        if (unicode === undefined) return;
        const u = new RegExp(unicode, "u");
        for (const t of texts.map((c) => c.join("")))
          assert.equal(
            u.test(t),
            plain.test(t),
            `${JSON.stringify(pattern)} vs ${JSON.stringify(unicode)} on ${JSON.stringify(t)}`,
          );
      },
    ),
    { numRuns: 3_000 },
  );
});
