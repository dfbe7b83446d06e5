// The password rules for a password a person chooses (NIST SP 800-63B §3.1.1.2): a length floor
// and ceiling (NewPassword), no composition rules, and a refusal of values that are easy to guess
// in context — the account's own email or name, a handful of the commonest choices, one repeated
// character. Temporary passwords are generated, never checked here.
import { NewPassword } from "@/lib/schemas/auth";
import { ValidationError } from "../errors";

const COMMON = new Set([
  "password1234",
  "password12345",
  "password123456",
  "123456789012",
  "1234567890123",
  "qwertyuiop12",
  "qwertyuiopas",
  "iloveyou1234",
  "letmein12345",
  "welcome12345",
  "administrator",
  "gatehouse123",
  "changeme1234",
]);

/** The reason a chosen password is refused, or null when it may be used. */
export function passwordPolicyProblem(
  password: string,
  person: { email: string; name?: string | null },
): string | null {
  const parsed = NewPassword.safeParse(password);
  if (!parsed.success) return parsed.error.issues[0]?.message ?? "Choose another password.";
  const lower = password.toLowerCase();
  const email = person.email.toLowerCase();
  const local = email.split("@")[0] ?? "";
  if (lower === email || (local.length >= 4 && lower.includes(local)))
    return "Do not use your email address in your password.";
  const name = person.name?.trim().toLowerCase();
  if (name && name.length >= 4 && lower.includes(name)) return "Do not use your name in your password.";
  if (COMMON.has(lower)) return "This password is too common. Choose another.";
  if (/^(.)\1+$/.test(password)) return "Do not repeat one character.";
  return null;
}

/** Throws a field error on `field` when the password breaks the policy. */
export function assertPasswordPolicy(
  password: string,
  person: { email: string; name?: string | null },
  field = "password",
): void {
  const problem = passwordPolicyProblem(password, person);
  if (problem) throw new ValidationError(problem, { [field]: [problem] });
}
