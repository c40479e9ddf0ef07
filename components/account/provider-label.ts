const LABELS: Record<string, string> = { github: "GitHub", google: "Google" };

export function providerLabel(id: string): string {
  return LABELS[id] ?? id;
}
