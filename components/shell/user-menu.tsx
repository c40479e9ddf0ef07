import Link from "next/link";
import { LogOut, UserRound } from "lucide-react";
import { signOutAction } from "@/lib/actions/auth/sign-out";
import { Button } from "@/components/ui/button";

export function UserMenu({ email, isAdmin }: { email: string; isAdmin: boolean }) {
  return (
    <div className="flex items-center gap-3 text-sm">
      <span className="hidden truncate text-muted-foreground sm:inline" title={email}>
        {email}
        {isAdmin ? <span className="ml-2 rounded bg-muted px-1.5 py-0.5 text-xs font-medium text-foreground">admin</span> : null}
      </span>
      <Button asChild variant="ghost" size="sm">
        <Link href="/account">
          <UserRound aria-hidden /> Account
        </Link>
      </Button>
      <form action={signOutAction}>
        <Button type="submit" variant="ghost" size="sm">
          <LogOut aria-hidden /> Sign out
        </Button>
      </form>
    </div>
  );
}
