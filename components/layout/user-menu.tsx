import { KeyRound, LogOut } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ROLE_LABELS, type Role } from "@/lib/auth/permissions";

/**
 * The signed-in user, a link between the dashboard and their own authorized apps (staff are end
 * users too), their password page and a sign-out button (a plain form: works before hydration).
 */
export function UserMenu({
  email,
  name,
  role,
  signOutAction,
  link,
}: {
  email: string;
  name: string | null;
  role: Role | null;
  signOutAction: () => Promise<void>;
  link?: { href: string; label: string };
}) {
  return (
    <div className="flex items-center gap-3 md:flex-col md:items-stretch">
      <div className="min-w-0 text-sm">
        <p className="truncate font-medium" title={email}>
          {name || email}
        </p>
        {name && <p className="truncate text-muted-foreground">{email}</p>}
        {role && (
          <Badge variant="secondary" className="mt-1">
            {ROLE_LABELS[role]}
          </Badge>
        )}
      </div>
      {link && (
        <Link href={link.href} className="text-sm font-medium underline-offset-4 hover:underline">
          {link.label}
        </Link>
      )}
      <Button variant="ghost" size="sm" className="justify-start" asChild>
        <Link href="/account/password">
          <KeyRound aria-hidden className="size-4" /> Change password
        </Link>
      </Button>
      <form action={signOutAction}>
        <Button type="submit" variant="ghost" size="sm" className="w-full justify-start">
          <LogOut aria-hidden className="size-4" /> Sign out
        </Button>
      </form>
    </div>
  );
}
