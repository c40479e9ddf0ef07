import Link from "next/link";
import { Aperture } from "lucide-react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CreateWorkspaceForm } from "@/components/workspaces/create-workspace-form";
import { requireUser } from "@/lib/auth/current-user";
import { env } from "@/lib/env";

export const metadata = { title: "Create a team" };

export default async function NewTeamPage() {
  await requireUser("/new");
  return (
    <main id="main" className="flex min-h-dvh flex-col items-center justify-center gap-6 bg-muted/40 p-6">
      <Link href="/" className="flex items-center gap-2 text-lg font-semibold tracking-tight">
        <Aperture className="size-6" aria-hidden /> Darkroom
      </Link>
      <Card className="w-full max-w-sm">
        <CardHeader>
          <CardTitle>Create a team</CardTitle>
          <CardDescription>A team shares one gallery and one credit pool. You become its owner and can invite people.</CardDescription>
        </CardHeader>
        <CardContent>
          <CreateWorkspaceForm origin={env.PUBLIC_URL} />
        </CardContent>
      </Card>
    </main>
  );
}
