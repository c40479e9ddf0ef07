function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const length = (value: unknown) => (typeof value === "string" ? value.length : 0);

/**
 * Characters of a delta (or message) that are model output but not `content`: `reasoning_content` (and the
 * `reasoning` some providers send), `refusal`, and tool calls' names and arguments (also the legacy
 * `function_call`). A stream cut after such output produced something the caller received and the provider charged.
 */
export function countOtherOutput(delta: unknown): number {
  if (!isRecord(delta)) return 0;
  let chars = length(delta.reasoning_content) + length(delta.reasoning) + length(delta.refusal);
  const calls = Array.isArray(delta.tool_calls) ? delta.tool_calls : [];
  for (const call of [...calls, delta.function_call]) {
    if (!isRecord(call)) continue;
    const fn = isRecord(call.function) ? call.function : call;
    chars += length(fn.name) + length(fn.arguments);
  }
  return chars;
}
