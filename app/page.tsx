import Link from "next/link";
import { redirect } from "next/navigation";
import { Aperture } from "lucide-react";
import { BeforeAfter } from "@/components/gallery/before-after";
import { Button } from "@/components/ui/button";
import { getCurrentUser } from "@/lib/auth/current-user";
import { LANDING_PROMPT, LANDING_SIZE } from "@/lib/landing/render-landing-sample";
import { listMemberWorkspaces } from "@/lib/workspaces/list-member-workspaces";

export default async function HomePage() {
  const user = await getCurrentUser();
  if (user) {
    const [first] = await listMemberWorkspaces({ userId: user.id });
    if (first) redirect(`/${first.slug}`);
  }
  return (
    <main id="main" className="mx-auto grid min-h-dvh max-w-6xl content-center items-center gap-10 p-6 lg:grid-cols-2">
      <div className="grid justify-items-center gap-6 text-center lg:justify-items-start lg:text-left">
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
      </div>
      <section aria-labelledby="sample-title" className="grid min-w-0 gap-3 rounded-xl border border-border bg-card p-4 shadow-sm">
        <h2 id="sample-title" className="text-sm font-medium text-muted-foreground">
          One edit, before and after
        </h2>
        <p className="rounded-lg bg-muted px-3 py-2 text-sm">
          <span className="sr-only">Prompt: </span>“{LANDING_PROMPT}”
        </p>
        <BeforeAfter
          before={{ src: "/api/landing/before.png", label: "Before: a landscape", ...LANDING_SIZE }}
          after={{ src: "/api/landing/after.png", label: `After: the landscape, ${LANDING_PROMPT}`, ...LANDING_SIZE }}
        />
        <p className="text-xs text-muted-foreground">Made by Darkroom Local, the built-in offline model. Drag the slider to compare.</p>
      </section>
    </main>
  );
}
