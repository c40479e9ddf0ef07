/** ["messages", 0, "content", 1, "image_url", "url"] → "messages[0].content[1].image_url.url" (OpenAI's `param`). */
export function formatParamPath(path: readonly PropertyKey[]): string | null {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || null;
}
