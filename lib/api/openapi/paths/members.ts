import { z } from "zod";
import { User } from "../schemas/user";
import { defineOperations } from "../registry";

export const memberOperations = defineOperations([
  {
    method: "get",
    path: "/api/v1/members",
    operationId: "listMembers",
    tag: "Members",
    summary: "List dashboard members",
    description: "Everyone with a dashboard role, owners first.",
    permission: "members.read",
    responses: { 200: { description: "The members.", schema: z.strictObject({ members: z.array(User) }) } },
  },
]);
