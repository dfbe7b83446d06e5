import { scimJson, scimRoute } from "@/lib/api/scim-route";
import { userSchema } from "@/lib/scim/discovery";
import { listResponse } from "@/lib/scim/list";

export const GET = scimRoute(async ({ baseUrl }) => scimJson(listResponse([userSchema(baseUrl)], 1, 1)));
