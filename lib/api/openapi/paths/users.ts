import { z } from "zod";
import { Consent, User } from "../schemas/user";
import { defineOperations, type ApiOperation } from "../registry";
import { EmptyBody } from "./bodies";
import { Revoked } from "./consents";

/** `GET /api/v1/users`: the route hands these to listUsers, which re-validates them. */
export const ListUsersQuery = z.object({
  q: z.string().max(200).optional().meta({ description: "Searches email and name, any case." }),
  kind: z.enum(["staff", "all"]).optional().meta({ description: "`staff`: dashboard members only. Default `all`." }),
  limit: z.coerce.number().int().min(1).max(500).optional().meta({ description: "Default 50." }),
});

const UserEnvelope = z.strictObject({ user: User }).meta({ id: "UserResponse" });
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
  userToggle("disable", "Disable a user", "Blocks sign-in and refresh and cuts live tokens at once."),
  userToggle("enable", "Enable a user", "Undoes a disable."),
]);
