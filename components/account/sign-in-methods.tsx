import { Alert } from "@/components/ui/alert";
import type { SignInMethods as Methods } from "@/lib/accounts/list-sign-in-methods";
import { SignInProviderRow } from "./sign-in-provider-row";

const LINK_NOTICES: Record<string, { variant: "success" | "destructive"; text: string }> = {
  done: { variant: "success", text: "Provider connected. You can now sign in with it too." },
  taken: { variant: "destructive", text: "That provider account is already connected to another Darkroom account, so it wasn't connected here." },
};

/** Password status and the OAuth providers: connect, disconnect, never the last way in. */
export function SignInMethods({ methods, linkNotice }: { methods: Methods; linkNotice?: string }) {
  const notice = linkNotice ? LINK_NOTICES[linkNotice] : undefined;
  return (
    <div className="grid gap-4">
      {notice ? <Alert variant={notice.variant}>{notice.text}</Alert> : null}
      <p className="text-sm">
        <span className="font-medium">Password: </span>
        {methods.hasPassword ? "set" : "not set (you sign in with a provider; set one above to have a second way in)"}
      </p>
      {methods.providers.length === 0 ? (
        <p className="text-sm text-muted-foreground">No sign-in providers (GitHub, Google) are configured on this server: you sign in with your email and password.</p>
      ) : (
        <ul className="divide-y divide-border" aria-label="Sign-in providers">
          {methods.providers.map((p) => (
            <SignInProviderRow
              key={p.provider}
              provider={p.provider}
              configured={p.configured}
              linkedAt={p.linkedAt?.toISOString() ?? null}
              canUnlink={methods.canUnlink}
            />
          ))}
        </ul>
      )}
      {!methods.canUnlink ? (
        <p id="last-way-in" className="text-xs text-muted-foreground">
          This provider is your only way to sign in: set a password or connect another provider before disconnecting it.
        </p>
      ) : null}
    </div>
  );
}
