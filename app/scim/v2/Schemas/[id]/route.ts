import { scimJson, scimRoute } from "@/lib/api/scim-route";
import { userSchema } from "@/lib/scim/discovery";
import { ScimError } from "@/lib/scim/errors";
import { USER_SCHEMA } from "@/lib/scim/schemas";

export const GET = scimRoute<{ id: string }>(async ({ baseUrl }, { id }) => {
  if (id !== USER_SCHEMA && id !== encodeURIComponent(USER_SCHEMA))
    throw new ScimError(404, `No schema "${id.slice(0, 200)}".`);
  return scimJson(userSchema(baseUrl));
});
