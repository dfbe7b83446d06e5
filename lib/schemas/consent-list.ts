import { z } from "zod";

/**
 * The Consents tab's state, as it lives in the URL; bad values fall back to "none". The server page
 * parses it; the service parses the same shape again, so the server prefetch and the browser share
 * one query key. (Not in lib/queries: the tab's browser bundle imports that, and needs no zod.)
 */
export const ConsentListFilter = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  cursor: z.string().max(300).optional().catch(undefined),
});

/** Revoke several consents (of one client, or of one user): `{ "consentIds": ["…"] }`. */
export const RevokeConsentsBody = z.object({
  consentIds: z.array(z.string().min(1)).min(1, "Select at least one consent.").max(500),
});
