"use client";

import { useActionState } from "react";
import { initialFormState } from "@/lib/actions/form-state";
import { linkProviderAction } from "@/lib/actions/accounts/link-provider";
import { unlinkProviderAction } from "@/lib/actions/accounts/unlink-provider";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { SubmitButton } from "@/components/ui/submit-button";
import { providerLabel } from "./provider-label";

type Props = { provider: string; configured: boolean; linkedAt: string | null; canUnlink: boolean };

/** One provider: connected (with Disconnect, unless it is the last way in) or not (with Connect). */
export function SignInProviderRow({ provider, configured, linkedAt, canUnlink }: Props) {
  const [unlinkState, unlink] = useActionState(unlinkProviderAction, initialFormState);
  const [linkState, link] = useActionState(linkProviderAction, initialFormState);
  const label = providerLabel(provider);
  const message = linkedAt ? unlinkState.message : linkState.message;
  const failed = (linkedAt ? unlinkState : linkState).status === "error";
  return (
    <li className="grid gap-2 py-3 first:pt-0 last:pb-0">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex items-center gap-2">
          <span className="font-medium">{label}</span>
          {linkedAt ? <Badge variant="success">Connected</Badge> : <Badge>Not connected</Badge>}
        </div>
        {linkedAt ? (
          <form action={unlink}>
            <input type="hidden" name="provider" value={provider} />
            <SubmitButton
              variant="outline"
              size="sm"
              disabled={!canUnlink}
              aria-describedby={!canUnlink ? "last-way-in" : undefined}
              pendingLabel="Disconnecting…"
              aria-label={`Disconnect ${label}`}
            >
              Disconnect
            </SubmitButton>
          </form>
        ) : configured ? (
          <form action={link}>
            <input type="hidden" name="provider" value={provider} />
            <SubmitButton variant="outline" size="sm" pendingLabel="Opening…" aria-label={`Connect ${label}`}>
              Connect
            </SubmitButton>
          </form>
        ) : null}
      </div>
      {message ? <Alert variant={failed ? "destructive" : "success"}>{message}</Alert> : null}
    </li>
  );
}
