// How many images a call may produce, for sizing its hold. A provider's model answers `n` results for all its
// inputs together; the offline model edits each input image on its own, `n` results per image (one generated image
// when it has none), so its hold must count inputs × n or a multi-image edit would cost more than it held.
// Pure: the studio's estimate in the browser uses it too.
export function resultsPerCall(provider: string, input: { n: number; inputImages: number }): number {
  return provider === "local" ? Math.max(1, input.inputImages) * input.n : input.n;
}
