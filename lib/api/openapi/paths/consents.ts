import { z } from "zod";
import { ConsentListFilter, RevokeClientConsentsInput } from "@/lib/services/consents/client-consents";
import { Consent, RevokedConsentSchema } from "../schemas/user";
import { defineOperations } from "../registry";
import { ConfirmNameBody } from "./bodies";

export const RevokeConsentsBody = RevokeClientConsentsInput.strict();

export const Revoked = z.strictObject({ revoked: z.array(RevokedConsentSchema) }).meta({ id: "RevokedConsents" });
const base = "/api/v1/servers/{slug}/clients/{id}/consents";
const tag = "Consents";

export const consentOperations = defineOperations([
  {
    method: "get",
    path: base,
    operationId: "listClientConsents",
    tag,
    summary: "List a client's consents",
    description: "One page (25) of the users who consented to this client, newest first.",
    permission: "consents.read",
    query: ConsentListFilter,
    responses: {
      200: {
        description: "One page of consents.",
        schema: z.strictObject({ consents: z.array(Consent), nextCursor: z.string().nullable() }),
      },
    },
  },
  {
    method: "post",
    path: `${base}/revoke`,
    operationId: "revokeClientConsents",
    tag,
    summary: "Revoke some of a client's consents",
    description:
      "Their refresh and access tokens stop working. Consents already gone are skipped; if none was left, 404.",
    permission: "consents.revoke",
    body: RevokeConsentsBody,
    responses: { 200: { description: "What was revoked.", schema: Revoked } },
  },
  {
    method: "post",
    path: `${base}/revoke-all`,
    operationId: "revokeAllClientConsents",
    tag,
    summary: "Revoke every consent of a client",
    description: "Confirmed by the client's exact name; a wrong name is a 422.",
    permission: "consents.revoke",
    body: ConfirmNameBody,
    responses: { 200: { description: "What was revoked.", schema: Revoked } },
  },
]);
