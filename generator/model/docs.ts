/** Base for site-relative links found in the Matrix spec (`[x](/appendices#y)`). */
export const MATRIX_SPEC_BASE = "https://spec.matrix.org/latest";

/**
 * Where a spec's site-relative links (`[x](/appendices#y)`) point in the generated comments: the
 * Matrix spec site for a file written for it (it uses the Matrix extensions or Hugo shortcodes,
 * which only the Matrix spec's sources do), none for any other spec, whose links stay as written.
 */
export function docLinkBase(text: string): string | undefined {
  return /x-(added|changed)InMatrixVersion|\{\{[%<]/.test(text) ? MATRIX_SPEC_BASE : undefined;
}
