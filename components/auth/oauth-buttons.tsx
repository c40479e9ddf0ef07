import { signIn } from "@/lib/auth/auth";
import { Button } from "@/components/ui/button";

const LABELS: Record<string, string> = { github: "GitHub", google: "Google" };

/** One button per configured OAuth provider; nothing at all when none is configured. */
export function OAuthButtons({ providers, callbackUrl }: { providers: string[]; callbackUrl: string }) {
  if (providers.length === 0) return null;
  return (
    <div className="grid gap-2">
      <div className="relative my-2 text-center text-xs uppercase text-muted-foreground">
        <span className="bg-card px-2">or</span>
      </div>
      {providers.map((id) => (
        <form
          key={id}
          action={async () => {
            "use server";
            await signIn(id, { redirectTo: callbackUrl });
          }}
        >
          <Button type="submit" variant="outline" className="w-full">
            Continue with {LABELS[id] ?? id}
          </Button>
        </form>
      ))}
    </div>
  );
}
