import { z } from "zod";

export const Email = z
  .string({ error: "Enter an email address." })
  .trim()
  .toLowerCase()
  .max(254, "Email is too long.")
  .pipe(z.email({ error: "Enter a valid email address." }));

export const NewPassword = z
  .string({ error: "Enter a password." })
  .min(12, "Use at least 12 characters.")
  .max(200, "Use at most 200 characters.");

export const PersonName = z.string().trim().max(100, "Use at most 100 characters.");

export const SignInInput = z.object({
  email: z.string().trim().toLowerCase().min(1, "Enter your email."),
  password: z.string().min(1, "Enter your password."),
  callbackUrl: z.string().optional(),
});
export type SignInInput = z.infer<typeof SignInInput>;

export const SetupInput = z
  .object({
    name: PersonName.min(1, "Enter your name."),
    email: Email,
    password: NewPassword,
    confirmPassword: z.string(),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The passwords do not match.",
  });
export type SetupInput = z.infer<typeof SetupInput>;

/**
 * Accepts only a same-origin path as a post-sign-in destination (no open redirect):
 * it must start with a single "/", and not "//" or "/\" which browsers treat as another host.
 */
export function safeReturnPath(value: string | null | undefined, fallback = "/"): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f\\]/.test(value)) return fallback;
  try {
    const url = new URL(value, "http://gatehouse.invalid");
    if (url.origin !== "http://gatehouse.invalid") return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}
