// What a V8 heap snapshot holds, by kind of object: count and self size per (node type, constructor or
// string class), and the difference between two snapshots divided by the calls in flight, so the objects
// each in-flight call retains can be read off (e.g. "3.0 AbortSignal, 1.0 ReadableStream per call").
// Reads the .heapsnapshot JSON whole: snapshots of a server with thousands of calls in flight are a few
// hundred MB, so run it with a large --max-old-space-size (the benchmark starts it in a child process).
import fs from "node:fs";

type Snapshot = {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]]; edge_fields: string[]; edge_types: [string[], ...unknown[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
};

export type HeapGroups = Map<string, { count: number; size: number }>;

/**
 * Groups every node by type and name: objects by constructor, strings, code and arrays by kind. Closures and
 * suspended async functions / generators are grouped by function name and script (`name @ file`), so what is
 * pending per call can be told apart: Next.js's request chain, the relay, undici, Node's streams.
 */
export function groupHeapSnapshot(file: string): HeapGroups {
  const data = JSON.parse(fs.readFileSync(file, "utf8")) as Snapshot;
  const meta = data.snapshot.meta;
  const fields = meta.node_fields;
  const types = meta.node_types[0];
  const edgeTypes = meta.edge_types[0];
  const width = fields.length;
  const edgeWidth = meta.edge_fields.length;
  const typeAt = fields.indexOf("type");
  const nameAt = fields.indexOf("name");
  const sizeAt = fields.indexOf("self_size");
  const edgeCountAt = fields.indexOf("edge_count");
  const { nodes, edges, strings } = data;
  const nodeCount = nodes.length / width;
  const firstEdge = new Uint32Array(nodeCount + 1);
  for (let n = 0, e = 0; n < nodeCount; n++) {
    firstEdge[n] = e;
    e += nodes[n * width + edgeCountAt]! * edgeWidth;
    firstEdge[n + 1] = e;
  }
  /** The node an edge named `name` of node `n` leads to (node ordinal), or -1. */
  const follow = (n: number, ...names: string[]): number => {
    for (let e = firstEdge[n]!; e < firstEdge[n + 1]!; e += edgeWidth) {
      const type = edgeTypes[edges[e]!];
      if (type === "element" || type === "hidden") continue;
      if (names.includes(strings[edges[e + 1]!]!)) return edges[e + 2]! / width;
    }
    return -1;
  };
  const scriptNames = new Map<number, string>();
  const scriptOf = (closure: number): string => {
    const shared = follow(closure, "shared");
    if (shared < 0) return "?";
    const script = follow(shared, "script", "script_or_debug_info");
    if (script < 0) return "?";
    let known = scriptNames.get(script);
    if (known === undefined) {
      const name = follow(script, "name");
      known = name < 0 ? "?" : (strings[nodes[name * width + nameAt]!] ?? "?");
      known = known.replace(/^.*\/(node_modules|\.next)\//, "$1/").replace(/^file:\/\/.*\/g-[^/]+\//, "");
      scriptNames.set(script, known);
    }
    return known;
  };
  const groups: HeapGroups = new Map();
  for (let n = 0; n < nodeCount; n++) {
    const i = n * width;
    const type = types[nodes[i + typeAt]!]!;
    let name = strings[nodes[i + nameAt]!] ?? "?";
    // Strings, numbers and code are grouped by kind, not by content.
    if (type === "string" || type === "concatenated string" || type === "sliced string") name = "";
    else if (type === "code" || type === "number" || type === "hidden") name = name.startsWith("system /") ? name.replace(/ \/ .*$/, "") : "";
    else if (type === "closure") name = `${name || "(anonymous)"}() @ ${scriptOf(n)}`;
    else if (type === "object" && (name === "Generator" || name === "AsyncGenerator" || name === "AsyncFunction")) {
      const fn = follow(n, "function");
      name = fn < 0 ? name : `${name} ${strings[nodes[fn * width + nameAt]!] || "(anonymous)"}() @ ${scriptOf(fn)}`;
    } else if (name.length > 60) name = `${name.slice(0, 57)}…`;
    const key = `${type}\t${name}`;
    const group = groups.get(key) ?? { count: 0, size: 0 };
    group.count++;
    group.size += nodes[i + sizeAt]!;
    groups.set(key, group);
  }
  return groups;
}

/** The groups that grew most between two snapshots, per call in flight, as table lines. */
export function diffHeapGroups(before: HeapGroups, during: HeapGroups, calls: number, top = 40): string[] {
  const rows = [...during.entries()].map(([key, g]) => {
    const b = before.get(key) ?? { count: 0, size: 0 };
    return { key, count: (g.count - b.count) / calls, size: (g.size - b.size) / calls };
  });
  const total = rows.reduce((sum, r) => sum + r.size, 0);
  rows.sort((a, b) => b.size - a.size);
  return [
    `self size grown per call in flight: ${(total / 1000).toFixed(1)} KB (all groups, net)`,
    "| type | constructor / name | objects per call | bytes per call |",
    "| --- | --- | ---: | ---: |",
    ...rows.slice(0, top).map((r) => {
      const [type, name] = r.key.split("\t");
      return `| ${type} | ${name} | ${r.count.toFixed(2)} | ${r.size.toFixed(0)} |`;
    }),
  ];
}

// `tsx bench/lib/heap-summary.ts BEFORE AFTER CALLS`: prints the diff.
if (process.argv[1] && import.meta.filename === fs.realpathSync(process.argv[1])) {
  const [before, after, calls] = process.argv.slice(2);
  if (!before || !after || !calls) throw new Error("usage: heap-summary.ts BEFORE.heapsnapshot AFTER.heapsnapshot CALLS");
  const top = Number(process.argv[5] ?? 60);
  for (const line of diffHeapGroups(groupHeapSnapshot(before), groupHeapSnapshot(after), Number(calls), top)) process.stdout.write(`${line}\n`);
}
