import os from "node:os";

/** One line for a gateway report: the numbers only mean something next to the machine they came from. */
export function describeMachine(): string {
  const cpus = os.cpus();
  return `${cpus.length} cores (${cpus[0]?.model.trim() ?? "?"}), Node ${process.version}, everything (load generator, Darkroom, PostgreSQL, fake upstream, Portkey) on this one machine`;
}
