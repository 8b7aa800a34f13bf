/* The specgen client runtime (hand-written, see specgen's generator/runtime/). */
/**
 * `record[name]` if `record` has it as an own property. Parameter and validator maps are read
 * through it, so that an omitted `constructor` or `__proto__` is not taken from Object.prototype.
 */
export declare function own(record: unknown, name: string | number): unknown;
