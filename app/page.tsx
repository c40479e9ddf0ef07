import Link from "next/link";
import { redirect } from "next/navigation";
import { Aperture } from "lucide-react";
import { Button } from "@/components/ui/button";
import { getCurrentUser } from "@/lib/auth/current-user";
import { listMemberWorkspaces } from "@/lib/workspaces/list-member-workspaces";

export default async function HomePage() {
  const user = await getCurrentUser();
  if (user) {
    const [first] = await listMemberWorkspaces({ userId: user.id });
    if (first) redirect(`/${first.slug}`);
  }
  return (
    <main id="main" className="mx-auto flex min-h-dvh max-w-3xl flex-col items-center justify-center gap-8 p-6 text-center">
      <div className="flex items-center gap-2 text-2xl font-semibold tracking-tight">
        <Aperture className="size-8" aria-hidden /> Darkroom
      </div>
      <h1 className="text-4xl font-semibold tracking-tight sm:text-5xl">Edit images with AI, together.</h1>
      <p className="max-w-xl text-lg text-muted-foreground">
        Upload a photo, describe the change, pick a model. Every result lands in your team&apos;s gallery, and
        every call through the OpenAI-compatible API is metered to the credit.
      </p>
      <div className="flex gap-3">
        <Button asChild size="lg">
          <Link href="/sign-up">Get started</Link>
        </Button>
        <Button asChild size="lg" variant="outline">
          <Link href="/sign-in">Sign in</Link>
        </Button>
      </div>
    </main>
  );
}
