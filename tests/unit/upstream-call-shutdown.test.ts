// The server's shutdown aborts every upstream call still in flight, through one listener for all of them (a file of
// its own: the shutdown signal lives on globalThis and, once aborted, stays aborted for the rest of the process).
import { describe, expect, it } from "vitest";
import { createUpstreamCall } from "@/lib/gateway/relay/create-upstream-call";
import { abortInFlightWork, getShutdownSignal } from "@/lib/server/shutdown-signal";

describe("upstream calls at shutdown", () => {
  it("before any shutdown, a caller that leaves aborts its call with cause caller", () => {
    const caller = new AbortController();
    const call = createUpstreamCall(caller.signal, 60_000);
    caller.abort();
    expect(call.cause).toBe("caller");
    call.dispose();
  });

  it("aborts every call in flight with cause shutdown, none already disposed, and any call made afterwards at once", () => {
    const callers = Array.from({ length: 3 }, () => new AbortController());
    const calls = callers.map((c) => createUpstreamCall(c.signal, 60_000));
    calls[1]!.dispose();
    expect(getShutdownSignal().aborted).toBe(false);

    abortInFlightWork();

    expect(calls[0]!.cause).toBe("shutdown");
    expect(calls[0]!.signal.aborted).toBe(true);
    expect(calls[0]!.abortError().message).toMatch(/restarting/);
    expect(calls[1]!.cause).toBeUndefined();
    expect(calls[1]!.signal.aborted).toBe(false);
    expect(calls[2]!.cause).toBe("shutdown");

    const late = createUpstreamCall(new AbortController().signal, 60_000);
    expect(late.cause).toBe("shutdown");
    for (const call of [...calls, late]) call.dispose();
  });
});
