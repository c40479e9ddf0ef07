// CPU time this process spent (user + system, every thread: GC and libuv's pool included), in milliseconds.
// Tests that bound how much work something does ("linear, not quadratic") measure this instead of wall time: on a
// shared, loaded machine a process waits for a core for unbounded stretches, which wall time counts and CPU time
// doesn't, so a bound on CPU time fails only when the work itself grew.
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
