import { z } from "zod";
import { ClientListQuery, CreateClientInput, RotateClientSecretInput, UpdateClientInput } from "@/lib/schemas/clients";
import { ActivityDaySchema, Client, ClientPage, ClientWithSecret } from "../schemas/client";
import { defineOperations, type ApiOperation } from "../registry";
import { ConfirmNameBody, EmptyBody } from "./bodies";

export const CreateClientBody = CreateClientInput.strict();
/** Fields left out keep their values. */
export const UpdateClientBody = UpdateClientInput.omit({ clientId: true }).partial().strict();
export const RotateSecretBody = RotateClientSecretInput.omit({ clientId: true }).strict();

const ClientEnvelope = z.strictObject({ client: Client }).meta({ id: "ClientResponse" });
const base = "/api/v1/servers/{slug}/clients";
const tag = "Clients";

/** The no-body state changes of one client: POST …/{id}/<action> → { client }. */
function clientAction(
  action: string,
  operationId: string,
  summary: string,
  permission: ApiOperation["permission"],
  description: string,
): ApiOperation {
  return {
    method: "post",
    path: `${base}/{id}/${action}`,
    operationId,
    tag,
    summary,
    description,
    permission,
    body: EmptyBody,
    responses: { 200: { description: "The client after the change.", schema: ClientEnvelope } },
  };
}

export const clientOperations = defineOperations([
  {
    method: "get",
    path: base,
    operationId: "listClients",
    tag,
    summary: "List clients",
    description: "One page of 25. An unknown filter value is ignored rather than rejected.",
    permission: "clients.read",
    query: ClientListQuery,
    responses: { 200: { description: "One page of clients.", schema: ClientPage } },
  },
  {
    method: "post",
    path: base,
    operationId: "createClient",
    tag,
    summary: "Pre-register a client",
    description:
      "No redirect URI: a client_credentials client. One or more: authorization_code + refresh_token. `clientSecret` appears in this response only.",
    permission: "clients.write",
    body: CreateClientBody,
    idempotent: true,
    responses: { 201: { description: "Created, with the secret (once).", schema: ClientWithSecret } },
  },
  {
    method: "get",
    path: `${base}/{id}`,
    operationId: "getClient",
    tag,
    summary: "Get a client",
    description: "`{id}` is the row id (`cli_…`) or the public `client_id`.",
    permission: "clients.read",
    responses: { 200: { description: "The client.", schema: ClientEnvelope } },
  },
  {
    method: "patch",
    path: `${base}/{id}`,
    operationId: "updateClient",
    tag,
    summary: "Update a client",
    description: "Only MANUAL clients can be edited, and the flow cannot change.",
    permission: "clients.write",
    body: UpdateClientBody,
    responses: { 200: { description: "The updated client.", schema: ClientEnvelope } },
  },
  {
    method: "delete",
    path: `${base}/{id}`,
    operationId: "deleteClient",
    tag,
    summary: "Delete a client",
    description: "Irreversible: everything issued to the client stops working. The body repeats its exact name.",
    permission: "clients.delete",
    body: ConfirmNameBody,
    responses: { 204: { description: "Deleted." } },
  },
  {
    method: "get",
    path: `${base}/{id}/activity`,
    operationId: "getClientActivity",
    tag,
    summary: "A client's daily activity",
    description: "The last 30 days, oldest first: tokens issued and consents granted/revoked per day.",
    permission: "clients.read",
    responses: {
      200: { description: "One entry per day.", schema: z.strictObject({ days: z.array(ActivityDaySchema) }) },
    },
  },
  {
    method: "post",
    path: `${base}/{id}/rotate-secret`,
    operationId: "rotateClientSecret",
    tag,
    summary: "Rotate a client's secret",
    description: "`gracePeriod` says how long the previous secret keeps working. The new secret appears once.",
    permission: "clients.write",
    body: RotateSecretBody,
    responses: {
      200: {
        description: "The client and its new secret.",
        schema: z.strictObject({ client: Client, clientSecret: z.string() }),
      },
    },
  },
  clientAction(
    "revoke-previous-secret",
    "revokePreviousClientSecret",
    "End a rotation's grace period",
    "clients.write",
    "The previous secret stops working now. 409 when there is none.",
  ),
  clientAction(
    "disable",
    "disableClient",
    "Disable a client",
    "clients.disable",
    "It can no longer authenticate or obtain tokens.",
  ),
  clientAction("enable", "enableClient", "Enable a client", "clients.disable", "Undoes a disable."),
  clientAction(
    "approve",
    "approveClient",
    "Approve a pending DCR client",
    "clients.write",
    "Users can authorize it from then on. To reject one, delete it.",
  ),
]);
