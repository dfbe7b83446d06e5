import { z } from "zod";
import { CreateEndUserInput } from "@/lib/services/users/create-end-user";
import { NullableIsoDateTime } from "../schemas/common";
import { Consent, RevokedConsentSchema, User } from "../schemas/user";
import { defineOperations, type ApiOperation } from "../registry";
import { EmptyBody } from "./bodies";
import { Revoked, RevokeConsentsBody as RevokeClientConsentsBody } from "./consents";

/** `POST /api/v1/users/{id}/consents/revoke`: the same shape as a client's. */
export const RevokeUserConsentsBody = RevokeClientConsentsBody;

/** `GET /api/v1/users`: the route hands these to listUsers, which re-validates them. */
export const ListUsersQuery = z.object({
  q: z.string().max(200).optional().meta({ description: "Searches email and name, any case." }),
  kind: z.enum(["staff", "all"]).optional().meta({ description: "`staff`: dashboard members only. Default `all`." }),
  limit: z.coerce.number().int().min(1).max(500).optional().meta({ description: "Default 50." }),
});

const UserEnvelope = z.strictObject({ user: User }).meta({ id: "UserResponse" });

/** `POST /api/v1/users`: the route parses with the service's own strict schema. */
export const CreateUserBody = CreateEndUserInput;

const CreatedUser = z
  .strictObject({
    user: User,
    temporaryPassword: z
      .string()
      .nullable()
      .meta({ description: "mode temporary-password: shown in this response only; changed at first sign-in." }),
    inviteUrl: z
      .string()
      .nullable()
      .meta({ description: "mode invite-link: a single-use link to pass on; shown in this response only." }),
    inviteExpiresAt: NullableIsoDateTime,
  })
  .meta({ id: "CreatedUser" });

const PasswordReset = z
  .strictObject({
    temporaryPassword: z.string().meta({ description: "Shown in this response only; changed at next sign-in." }),
    scimManaged: z.boolean().meta({ description: "The identity provider may overwrite manual changes." }),
  })
  .meta({ id: "PasswordReset" });
const tag = "Users";

function userToggle(action: "disable" | "enable", summary: string, description: string): ApiOperation {
  return {
    method: "post",
    path: `/api/v1/users/{id}/${action}`,
    operationId: `${action}User`,
    tag,
    summary,
    description,
    permission: "users.disable",
    body: EmptyBody,
    responses: { 200: { description: "The user after the change.", schema: UserEnvelope } },
  };
}

export const userOperations = defineOperations([
  {
    method: "get",
    path: "/api/v1/users",
    operationId: "listUsers",
    tag,
    summary: "List or search users",
    permission: "users.read",
    query: ListUsersQuery,
    responses: {
      200: { description: "Matching users, oldest first.", schema: z.strictObject({ users: z.array(User) }) },
    },
  },
  {
    method: "post",
    path: "/api/v1/users",
    operationId: "createUser",
    tag,
    summary: "Add an end user",
    description:
      "A local account with a temporary password (changed at first sign-in) or a single-use invite link " +
      "(7 days). The secret is in this response only. A taken email is a 409.",
    permission: "users.write",
    body: CreateUserBody,
    idempotent: true,
    responses: { 201: { description: "Created.", schema: CreatedUser } },
  },
  {
    method: "post",
    path: "/api/v1/users/{id}/reset-password",
    operationId: "resetUserPassword",
    tag,
    summary: "Reset a user's password",
    description:
      "A new temporary password, in this response only; the person must change it at the next sign-in and " +
      "their dashboard sessions end. Consents and tokens are untouched (that is revoke-access).",
    permission: "users.write",
    body: EmptyBody,
    responses: { 200: { description: "The temporary password.", schema: PasswordReset } },
  },
  {
    method: "get",
    path: "/api/v1/users/{id}",
    operationId: "getUser",
    tag,
    summary: "Get a user with their consents",
    permission: "users.read",
    responses: {
      200: {
        description: "The user and the consents they hold on every server.",
        schema: z.strictObject({ user: User, consents: z.array(Consent) }),
      },
    },
  },
  {
    method: "post",
    path: "/api/v1/users/{id}/revoke-access",
    operationId: "revokeUserAccess",
    tag,
    summary: "Revoke all of a user's access",
    description: "Every consent the user holds, on every server; their tokens stop working at once.",
    permission: "consents.revoke",
    body: EmptyBody,
    responses: { 200: { description: "What was revoked.", schema: Revoked } },
  },
  {
    method: "get",
    path: "/api/v1/users/{id}/consents",
    operationId: "listUserConsents",
    tag,
    summary: "List a user's consents",
    description: "On every MCP server, as the user page shows them.",
    permission: "users.read",
    responses: { 200: { description: "The user's consents.", schema: z.strictObject({ consents: z.array(Consent) }) } },
  },
  {
    method: "post",
    path: "/api/v1/users/{id}/consents/revoke",
    operationId: "revokeUserConsents",
    tag,
    summary: "Revoke some of a user's consents",
    description: "Their tokens stop working at once. Consents already gone are skipped; if none was left, 404.",
    permission: "consents.revoke",
    body: RevokeUserConsentsBody,
    responses: { 200: { description: "What was revoked.", schema: Revoked } },
  },
  {
    method: "delete",
    path: "/api/v1/users/{id}/consents/{consentId}",
    operationId: "revokeUserConsent",
    tag,
    summary: "Revoke one of a user's consents",
    description: "Its tokens stop working at once. A consent already gone (or another user's) is a 404.",
    permission: "consents.revoke",
    body: EmptyBody,
    responses: {
      200: { description: "What was revoked.", schema: z.strictObject({ revoked: RevokedConsentSchema }) },
    },
  },
  userToggle("disable", "Disable a user", "Blocks sign-in and refresh and cuts live tokens at once."),
  userToggle("enable", "Enable a user", "Undoes a disable."),
]);
