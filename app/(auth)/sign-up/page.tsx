import Link from "next/link";
import { redirect } from "next/navigation";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { configuredOAuthProviders } from "@/lib/auth/configured-providers";
import { getCurrentUser } from "@/lib/auth/current-user";
import { safeCallbackUrl } from "@/lib/auth/safe-callback-url";
import { env } from "@/lib/env";
import { mailMode } from "@/lib/mail/mail-mode";

export const metadata = { title: "Create account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl, "");
  if (await getCurrentUser()) redirect(callbackUrl || "/");
  // Closed sign-up still lets an invited person create their account from the invitation's link.
  const open = env.SIGNUP_MODE === "open" || callbackUrl.startsWith("/invite/");
  return (
    <Card>
      <CardHeader>
        <CardTitle>Create your account</CardTitle>
        <CardDescription>
          You get a personal workspace with {env.DEFAULT_CREDITS.toLocaleString("en-US")} credits to start editing
          {mailMode() !== "off" ? " once you confirm your email address" : ""}.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {open ? (
          <>
            <SignUpForm callbackUrl={callbackUrl || undefined} email={params.email?.slice(0, 254)} />
            <OAuthButtons providers={configuredOAuthProviders()} callbackUrl={callbackUrl || "/"} />
          </>
        ) : (
          <Alert>Sign-up is closed on this Darkroom. Ask an administrator for an account.</Alert>
        )}
      </CardContent>
      <CardFooter className="justify-center text-sm text-muted-foreground">
        Already have an account?&nbsp;
        <Link href={callbackUrl ? `/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/sign-in"} className="font-medium text-foreground underline underline-offset-4">
          Sign in
        </Link>
      </CardFooter>
    </Card>
  );
}
