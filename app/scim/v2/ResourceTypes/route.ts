import { scimJson, scimRoute } from "@/lib/api/scim-route";
import { userResourceType } from "@/lib/scim/discovery";
import { listResponse } from "@/lib/scim/list";

export const GET = scimRoute(async ({ baseUrl }) => scimJson(listResponse([userResourceType(baseUrl)], 1, 1)));
