/**
 * `record[name]` if `record` has it as an own property. Parameter and validator maps are read
 * through it, so that an omitted `constructor` or `__proto__` is not taken from Object.prototype.
 */
export function own(record: unknown, name: string | number): unknown {
  if (record === null || record === undefined) return undefined;
  if (!Object.hasOwn(record, name)) return undefined;
  return (record as Record<string, unknown>)[name];
}
