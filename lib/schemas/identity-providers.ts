// The identity provider form (Settings → Identity providers), shared by the client form and the
// server action. Lists arrive as text: scopes and domains separated by spaces, commas or lines;
// role mappings as "group = ROLE" lines.
import { z } from "zod";
import { ROLES, type Role } from "@/lib/auth/permissions";
import { PRESET_IDS } from "@/lib/identity/presets";

const words = (v: string) =>
  v
    .split(/[\s,]+/)
    .map((w) => w.trim())
    .filter(Boolean);

/** A form checkbox ("on" or absent), or an already-parsed boolean (services re-parse their input). */
const Checkbox = z
  .union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("false"), z.literal("")])
  .optional()
  .transform((v) => v === true || v === "on" || v === "true");

/** Text separated by spaces, commas or lines, or an already-split list. */
const WordList = (max: number) =>
  z.union([z.string().max(max), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : words(v)));

const Claim = z
  .string()
  .trim()
  .max(100, "Use at most 100 characters.")
  .regex(/^[A-Za-z0-9_:./-]*$/, "Letters, digits and _ : . / - only.");

const Domain = z
  .string()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "Enter domains like example.com.");

const RoleMappingsText = z
  .string()
  .max(5000)
  .default("")
  .transform((text, ctx) => {
    const out: { group: string; role: Role }[] = [];
    for (const [i, raw] of text.split("\n").entries()) {
      const line = raw.trim();
      if (!line) continue;
      const m = /^(.+?)\s*(?:=|->|→)\s*([A-Za-z]+)$/.exec(line);
      const role = m?.[2]?.toUpperCase();
      if (!m || !role || !(ROLES as readonly string[]).includes(role)) {
        ctx.addIssue({
          code: "custom",
          message: `Line ${i + 1}: write "group = ROLE" with ROLE one of ${ROLES.join(", ")}.`,
        });
        continue;
      }
      out.push({ group: m[1]!.trim(), role: role as Role });
    }
    return out;
  });

export const IdentityProviderInput = z.object({
  preset: z.enum(PRESET_IDS).default("oidc"),
  label: z.string().trim().min(1, "Enter the button label.").max(60, "Use at most 60 characters."),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(
      /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/,
      "Lower-case letters, digits and dashes (it is in the callback URL).",
    ),
  issuer: z
    .string()
    .trim()
    .max(500)
    .pipe(z.url({ protocol: /^https?$/, error: "Enter the issuer URL, e.g. https://login.example.com." })),
  clientId: z.string().trim().min(1, "Enter the client ID the IdP gave you.").max(300),
  /** Empty on edit keeps the stored secret; "clearSecret" removes it (public client). */
  clientSecret: z.string().trim().max(1000).optional().default(""),
  clearSecret: Checkbox,
  scopes: WordList(500)
    .default(["openid", "email", "profile"])
    .pipe(z.array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/, "Scopes are plain words.")).max(20)),
  allowedDomains: WordList(5000).default([]).pipe(z.array(Domain).max(100)),
  routeDomains: Checkbox,
  jitEnabled: Checkbox,
  requireEmailVerified: Checkbox,
  emailClaim: Claim.min(1, "Enter the email claim."),
  nameClaim: Claim.min(1, "Enter the name claim."),
  groupsClaim: Claim.nullable()
    .optional()
    .transform((v) => v || null),
  roleMappings: z.union([
    RoleMappingsText,
    z.array(z.object({ group: z.string().trim().min(1).max(200), role: z.enum(ROLES) })).max(100),
  ]),
  serverIds: z.array(z.string().max(100)).max(500).default([]),
  /** MCP servers that accept this provider's ID-JAG assertions; none = off. */
  idJagServerIds: z.array(z.string().max(100)).max(500).default([]),
  enabled: Checkbox,
});
export type IdentityProviderInput = z.input<typeof IdentityProviderInput>;
export type IdentityProviderValues = z.output<typeof IdentityProviderInput>;

export const ProviderIdInput = z.object({ providerId: z.string().min(1).max(100) });

export const LocalPasswordsInput = z.object({ localPasswordsForEndUsers: Checkbox });

export const EmailFirstInput = z.object({
  email: z.string().trim().toLowerCase().min(1, "Enter your email.").max(254),
  callbackUrl: z.string().optional(),
});
