"use client";

import { useEffect, useRef, useState } from "react";
import { flushSync } from "react-dom";
import { applyJobEvent, isTerminal, type JobView } from "@/lib/jobs/job-view";
import { acquireStreamSlot } from "./stream-slots";

const EVENT_TYPES = ["queued", "started", "progress", "output", "succeeded", "failed", "cancelled"] as const;

export type StreamConnection = "live" | "reconnecting" | "lost";

const isNewer = (a: JobView, b: JobView) => {
  try {
    return BigInt(a.lastEventId) > BigInt(b.lastEventId);
  } catch {
    return false;
  }
};

/**
 * Follows a job's event stream until it ends (GET /api/jobs/<id>/events, resumed after the last event this
 * tile already knows; EventSource itself resends Last-Event-ID when it reconnects). Closing the page only
 * stops following: the job runs on. `onChange` hears every change, after it is on screen.
 */
export function useJobEvents(initial: JobView, onChange: (previous: JobView, next: JobView) => void) {
  const [job, setJob] = useState(initial);
  const [seen, setSeen] = useState(initial);
  // A fresher server render (after router.refresh) wins over what the stream has told us so far.
  if (initial !== seen) {
    setSeen(initial);
    if (isNewer(initial, job)) setJob(initial);
  }
  const [connection, setConnection] = useState<StreamConnection>("live");
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(job);
  const listener = useRef(onChange);
  useEffect(() => {
    latest.current = job;
    listener.current = onChange;
  });

  const terminal = isTerminal(job.status);
  const { id, createdAt } = job;
  useEffect(() => {
    if (terminal) return;
    let source: EventSource | null = null;
    const release = acquireStreamSlot(createdAt, () => {
      source = new EventSource(`/api/jobs/${encodeURIComponent(id)}/events?after=${encodeURIComponent(latest.current.lastEventId)}`);
      const onEvent = (message: MessageEvent<string>) => {
        let payload: { type?: string; data?: Record<string, unknown>; at?: string };
        try {
          payload = JSON.parse(message.data);
        } catch {
          return;
        }
        const previous = latest.current;
        const next = applyJobEvent(previous, { id: message.lastEventId, type: payload.type ?? message.type, data: payload.data ?? {}, at: payload.at ?? new Date().toISOString() });
        if (next === previous) return;
        latest.current = next;
        // One render per event: a replay after a reconnect arrives all at once, and each step (running, the
        // progress lines, the result) should still reach the screen and assistive tech in order.
        flushSync(() => setJob(next));
        if (isTerminal(next.status)) {
          source?.close();
          release();
        }
        listener.current(previous, next);
      };
      for (const type of EVENT_TYPES) source.addEventListener(type, onEvent);
      source.onopen = () => setConnection("live");
      source.onerror = () => {
        // CLOSED: the server refused (signed out, no such job); it won't retry, so give the slot back.
        const lost = source?.readyState === EventSource.CLOSED;
        if (lost) release();
        setConnection(lost ? "lost" : "reconnecting");
      };
    });
    return () => {
      source?.close();
      release();
    };
  }, [id, createdAt, terminal, attempt]);

  return { job, connection: terminal ? "live" : connection, reconnect: () => setAttempt((n) => n + 1) };
}
