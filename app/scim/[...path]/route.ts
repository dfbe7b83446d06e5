// Anything else under /scim (Groups, Bulk, /Me, a typo) answers a SCIM 404, not the HTML 404 page.
import { scimJson } from "@/lib/api/scim-route";
import { ScimError, scimErrorBody } from "@/lib/scim/errors";

function notFound(): Response {
  return scimJson(scimErrorBody(new ScimError(404, "No such SCIM endpoint. Gatehouse serves /scim/v2/Users.")), 404);
}

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
