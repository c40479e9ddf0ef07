/**
 * True when no object/array nests deeper than `max`. Iterative (no recursion to overflow) and it never
 * looks inside strings, so a multi-MiB data: URL costs nothing.
 */
export function withinJsonDepth(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== "object") continue;
    if (depth > max) return false;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (child !== null && typeof child === "object") stack.push([child, depth + 1]);
    }
  }
  return true;
}
