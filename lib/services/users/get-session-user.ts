import type { Role } from "@/lib/auth/permissions";
import type { DbOrTx } from "@/lib/db/client";

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  role: Role | null;
  /** Signed in with a temporary password: nothing but the change-password page until it is replaced. */
  mustChangePassword?: boolean;
}

/**
 * Re-reads the user behind a session token on every request: a disabled user, a removed member,
 * a changed role or password (session version moved on) take effect at once, not at cookie expiry.
 */
export async function getSessionUser(db: DbOrTx, userId: string, sessionVersion: number): Promise<SessionUser | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      disabledAt: true,
      sessionVersion: true,
      mustChangePassword: true,
    },
  });
  if (!user || user.disabledAt || user.sessionVersion !== sessionVersion) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    mustChangePassword: user.mustChangePassword,
  };
}
