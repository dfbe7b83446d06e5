import { scimJson, scimRoute } from "@/lib/api/scim-route";
import { userResourceType } from "@/lib/scim/discovery";
import { ScimError } from "@/lib/scim/errors";

export const GET = scimRoute<{ id: string }>(async ({ baseUrl }, { id }) => {
  if (id !== "User") throw new ScimError(404, `No resource type "${id.slice(0, 100)}".`);
  return scimJson(userResourceType(baseUrl));
});
