import Link from "next/link";
import { AccountNameForm } from "@/components/account/account-name-form";
import { AccountShell } from "@/components/account/account-shell";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { DeleteAccountForm } from "@/components/account/delete-account-form";
import { EmailSection } from "@/components/account/email-section";
import { SessionList } from "@/components/account/session-list";
import { SignInMethods } from "@/components/account/sign-in-methods";
import { PageHeader } from "@/components/shell/page-header";
import { SettingsSection } from "@/components/workspaces/settings-section";
import { listOwnedTeams } from "@/lib/accounts/list-owned-teams";
import { listSignInMethods } from "@/lib/accounts/list-sign-in-methods";
import { requireUser } from "@/lib/auth/current-user";
import { listUserSessions } from "@/lib/sessions/list-user-sessions";

export const metadata = { title: "Account" };

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ link?: string | string[] }> }) {
  const user = await requireUser("/account");
  const { link } = await searchParams;
  const [methods, sessions, ownedTeams] = await Promise.all([
    listSignInMethods({ userId: user.id }),
    listUserSessions({ userId: user.id, sessionId: user.sessionId ?? null }),
    listOwnedTeams({ userId: user.id }),
  ]);
  return (
    <AccountShell user={user}>
      <PageHeader title="Account" description={`Signed in as ${user.email}`} />
      <div className="grid gap-6">
        <SettingsSection id="profile" title="Profile">
          <AccountNameForm name={user.name ?? ""} />
        </SettingsSection>
        <EmailSection userId={user.id} />
        <SettingsSection
          id="password"
          title="Password"
          description={methods.hasPassword ? "Changing it signs out every other browser; this one stays signed in." : "You sign in with a provider. A password gives you a second way in."}
        >
          <ChangePasswordForm hasPassword={methods.hasPassword} email={user.email} />
        </SettingsSection>
        <SettingsSection id="sign-in-methods" title="Sign-in methods">
          <SignInMethods methods={methods} linkNotice={typeof link === "string" ? link : undefined} />
        </SettingsSection>
        <SettingsSection id="sessions" title="Where you're signed in">
          <SessionList sessions={sessions} now={new Date()} />
        </SettingsSection>
        <SettingsSection
          id="delete-account"
          title="Delete account"
          tone="danger"
          description="Your personal workspace, its images and edits are removed for good, and you leave every team (the images you made there stay, under your name). Your email address becomes free. This can't be undone."
        >
          {ownedTeams.length > 0 ? (
            <div className="grid gap-2 text-sm">
              <p>You own these teams. Give each a new owner (or delete it) in its settings first:</p>
              <ul className="grid gap-1">
                {ownedTeams.map((team) => (
                  <li key={team.slug}>
                    <Link href={`/${team.slug}/settings`} className="inline-flex min-h-6 items-center font-medium underline underline-offset-4">
                      {team.name}
                    </Link>{" "}
                    <span className="text-muted-foreground">
                      ({team.members} member{team.members === 1 ? "" : "s"})
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <DeleteAccountForm email={user.email} />
          )}
        </SettingsSection>
      </div>
    </AccountShell>
  );
}
