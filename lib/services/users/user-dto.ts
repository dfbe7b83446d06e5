import type { Role } from "@/lib/auth/permissions";

/** A user as the dashboard and API see it: never the password hash. */
export interface UserDto {
  id: string;
  email: string;
  name: string | null;
  role: Role | null;
  disabledAt: string | null;
  lastSignInAt: string | null;
  createdAt: string;
}

export const userDtoSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  disabledAt: true,
  lastSignInAt: true,
  createdAt: true,
} as const;

export function toUserDto(u: {
  id: string;
  email: string;
  name: string | null;
  role: Role | null;
  disabledAt: Date | null;
  lastSignInAt: Date | null;
  createdAt: Date;
}): UserDto {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    disabledAt: u.disabledAt?.toISOString() ?? null,
    lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}
