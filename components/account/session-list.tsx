import { Monitor } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import type { UserSessionView } from "@/lib/sessions/list-user-sessions";
import { formatRelativeTime } from "./format-relative-time";
import { RevokeSessionButton } from "./revoke-session-button";
import { SignOutEverywhereButton } from "./sign-out-everywhere-button";

/** The person's signed-in browsers, this one first and marked, each with its own sign-out. */
export function SessionList({ sessions, now }: { sessions: UserSessionView[]; now: Date }) {
  const ordered = [...sessions].sort((a, b) => Number(b.current) - Number(a.current));
  return (
    <div className="grid gap-4">
      {ordered.length === 0 ? (
        <p className="text-sm text-muted-foreground">No other signed-in browsers.</p>
      ) : (
        <ul className="divide-y divide-border rounded-lg border border-border" aria-label="Signed-in browsers">
          {ordered.map((s) => {
            const device = s.userAgent ?? "Unknown browser";
            return (
              <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 p-3">
                <div className="flex min-w-0 items-start gap-3">
                  <Monitor className="mt-0.5 size-5 shrink-0 text-muted-foreground" aria-hidden />
                  <div className="min-w-0 text-sm">
                    <p className="flex flex-wrap items-center gap-2 font-medium">
                      {device}
                      {s.current ? <Badge variant="success">This device</Badge> : null}
                    </p>
                    <p className="break-words text-muted-foreground">
                      {s.ipAddress ? `${s.ipAddress} · ` : ""}
                      Last active <time dateTime={s.lastSeenAt.toISOString()}>{formatRelativeTime(s.lastSeenAt, now)}</time>
                      {" · "}signed in <time dateTime={s.createdAt.toISOString()}>{s.createdAt.toISOString().slice(0, 10)}</time>
                    </p>
                  </div>
                </div>
                {s.current ? null : <RevokeSessionButton sessionId={s.id} device={device} />}
              </li>
            );
          })}
        </ul>
      )}
      <div className="grid gap-1">
        <SignOutEverywhereButton />
        <p className="text-xs text-muted-foreground">Signs out every browser, this one included.</p>
      </div>
    </div>
  );
}
