import Link from "next/link";
import { redirect } from "next/navigation";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { configuredOAuthProviders } from "@/lib/auth/configured-providers";
import { getCurrentUser } from "@/lib/auth/current-user";
import { env } from "@/lib/env";

export const metadata = { title: "Create account" };

export default async function SignUpPage() {
  if (await getCurrentUser()) redirect("/");
  const open = env.SIGNUP_MODE === "open";
  return (
    <Card>
      <CardHeader>
        <CardTitle>Create your account</CardTitle>
        <CardDescription>
          You get a personal workspace with {env.DEFAULT_CREDITS.toLocaleString("en-US")} credits to start editing.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {open ? (
          <>
            <SignUpForm />
            <OAuthButtons providers={configuredOAuthProviders()} callbackUrl="/" />
          </>
        ) : (
          <Alert>Sign-up is closed on this Darkroom. Ask an administrator for an account.</Alert>
        )}
      </CardContent>
      <CardFooter className="justify-center text-sm text-muted-foreground">
        Already have an account?&nbsp;
        <Link href="/sign-in" className="font-medium text-foreground underline underline-offset-4">
          Sign in
        </Link>
      </CardFooter>
    </Card>
  );
}
