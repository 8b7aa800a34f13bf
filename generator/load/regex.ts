/**
 * Regular expressions of the specs (`pattern`, `patternProperties`), which Ajv and the example
 * check compile in Unicode mode (`u`), as JSON Schema asks.
 *
 * @module
 */

/** Whether `pattern` compiles with `flags`. */
export function compiles(pattern: string, flags: string): boolean {
  try {
    new RegExp(pattern, flags);
    return true;
  } catch {
    return false;
  }
}

// After a backslash, what Unicode mode still reads as an escape (the rest are identity escapes of
// punctuation, which only plain mode accepts).
const ESCAPABLE = /[A-Za-z0-9^$\\.*+?()[\]{}|/]/;

/**
 * A Unicode-mode form of a pattern only plain mode compiles, when the difference is identity
 * escapes of punctuation (`\:`, `\'`, `\-` outside a class, all common in real specs): those lose
 * their backslash, which plain mode ignores anyway. The two then match the same strings, but for
 * characters outside the Basic Multilingual Plane, which Unicode mode reads whole. Undefined
 * when the pattern needs more than that.
 */
export function unicodeEquivalent(pattern: string): string | undefined {
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "\\" && i + 1 < pattern.length) {
      const next = pattern[++i]!;
      out += ESCAPABLE.test(next) || (inClass && next === "-") ? c + next : next;
      continue;
    }
    if (c === "[") inClass = true;
    else if (c === "]") inClass = false;
    out += c;
  }
  return compiles(out, "u") ? out : undefined;
}
