import { z } from "zod";
import { Email, NewPassword, PersonName } from "./auth";

const matching = <T extends { next: string; confirm: string }>(v: T) => v.next === v.confirm;
const mismatch = { path: ["confirm"], message: "The passwords do not match." };

/** /account/password: the person's current password and the new one, typed twice. */
export const ChangePasswordForm = z
  .object({
    current: z.string().min(1, "Enter your current password."),
    next: NewPassword,
    confirm: z.string(),
    callbackUrl: z.string().optional(),
  })
  .refine(matching, mismatch);

/** /account/invite/[token]: the password the invited person chooses, typed twice. */
export const InvitePasswordForm = z
  .object({ token: z.string().min(1), next: NewPassword, confirm: z.string() })
  .refine(matching, mismatch);

export const CREATE_MODES = ["temporary-password", "invite-link"] as const;
export type CreateMode = (typeof CREATE_MODES)[number];

/** Users → Add user, and POST /api/v1/users (strict there: unknown fields are refused). */
export const AddEndUserInput = z.object({
  email: Email,
  name: PersonName.optional(),
  mode: z.enum(CREATE_MODES, { error: "Choose a temporary password or an invite link." }),
});
