import Link from "next/link";
import { redirect } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { configuredOAuthProviders } from "@/lib/auth/configured-providers";
import { getCurrentUser } from "@/lib/auth/current-user";
import { safeCallbackUrl } from "@/lib/auth/safe-callback-url";
import { env } from "@/lib/env";

export const metadata = { title: "Sign in" };

const OAUTH_ERRORS: Record<string, string> = {
  AccessDenied: "That account can't sign in here.",
  OAuthAccountNotLinked: "Sign in with the method you used before.",
  // lib/auth/link-oauth-account.ts
  unverified_provider_email:
    "Your account there has no verified email address. Verify one with the provider (for GitHub: Settings › Emails), then try again.",
  unverified_account:
    "A Darkroom account with this email exists but its address is not confirmed yet, so it can't be joined to this sign-in. Sign in with your password, then connect the provider from account settings.",
  disabled: "That account can't sign in here.",
  signup_closed: "Sign-up is closed on this Darkroom. Ask an administrator for an account.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl, "/");
  if (await getCurrentUser()) redirect(callbackUrl);
  const oauthError = params.error ? (OAUTH_ERRORS[params.error] ?? "Sign-in failed. Please try again.") : null;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Sign in</CardTitle>
        <CardDescription>Welcome back to Darkroom.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {oauthError ? <p role="alert" className="text-sm text-destructive">{oauthError}</p> : null}
        {params.reset === "1" ? <Alert variant="success">Password changed. Sign in with the new one; every other session was signed out.</Alert> : null}
        {params.deleted === "1" ? <Alert variant="success">Your account was deleted.</Alert> : null}
        <SignInForm callbackUrl={callbackUrl} />
        <OAuthButtons providers={configuredOAuthProviders()} callbackUrl={callbackUrl} />
      </CardContent>
      {env.SIGNUP_MODE === "open" ? (
        <CardFooter className="justify-center text-sm text-muted-foreground">
          New here?&nbsp;
          <Link href={callbackUrl === "/" ? "/sign-up" : `/sign-up?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="font-medium text-foreground underline underline-offset-4">
            Create an account
          </Link>
        </CardFooter>
      ) : null}
    </Card>
  );
}
