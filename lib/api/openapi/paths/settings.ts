// API keys, webhooks and initial access tokens: the Settings pages' operations.
import { z } from "zod";
import { CreateApiKeyInput } from "@/lib/schemas/api-keys";
import { CreateInitialAccessTokenInput } from "@/lib/schemas/dcr-policy";
import { CreateWebhookInput, UpdateWebhookInput } from "@/lib/schemas/webhooks";
import { ApiKey, InitialAccessToken, Webhook, WebhookDelivery } from "../schemas/settings";
import { defineOperations } from "../registry";
import { EmptyBody } from "./bodies";

export const CreateApiKeyBody = CreateApiKeyInput.strict();
export const CreateWebhookBody = CreateWebhookInput.strict();
export const UpdateWebhookBody = UpdateWebhookInput.strict();
export const CreateInitialAccessTokenBody = CreateInitialAccessTokenInput.strict();

/** `GET …/deliveries`: the route hands `limit` to listDeliveries. */
export const ListDeliveriesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).optional().meta({ description: "Default 50." }),
});

const WebhookEnvelope = z.strictObject({ webhook: Webhook }).meta({ id: "WebhookResponse" });
const IatEnvelope = z.strictObject({ initialAccessToken: InitialAccessToken });
const iats = "/api/v1/servers/{slug}/initial-access-tokens";

export const settingsOperations = defineOperations([
  {
    method: "get",
    path: "/api/v1/api-keys",
    operationId: "listApiKeys",
    tag: "API keys",
    summary: "List API keys",
    description: "Newest first, revoked ones included; never a key or its hash.",
    permission: "apikeys.write",
    responses: { 200: { description: "Every key.", schema: z.strictObject({ apiKeys: z.array(ApiKey) }) } },
  },
  {
    method: "post",
    path: "/api/v1/api-keys",
    operationId: "createApiKey",
    tag: "API keys",
    summary: "Create an API key",
    description: "The key (`token`) is in this response only; only its hash is stored. A key's role is at most yours.",
    permission: "apikeys.write",
    body: CreateApiKeyBody,
    idempotent: true,
    responses: { 201: { description: "Created.", schema: z.strictObject({ apiKey: ApiKey, token: z.string() }) } },
  },
  {
    method: "delete",
    path: "/api/v1/api-keys/{id}",
    operationId: "revokeApiKey",
    tag: "API keys",
    summary: "Revoke an API key",
    description: "Its next request is a 401. Revoking a revoked key changes nothing.",
    permission: "apikeys.write",
    body: EmptyBody,
    responses: { 204: { description: "Revoked." } },
  },
  {
    method: "get",
    path: "/api/v1/webhooks",
    operationId: "listWebhooks",
    tag: "Webhooks",
    summary: "List webhooks",
    permission: "settings.write",
    responses: { 200: { description: "Every webhook.", schema: z.strictObject({ webhooks: z.array(Webhook) }) } },
  },
  {
    method: "post",
    path: "/api/v1/webhooks",
    operationId: "createWebhook",
    tag: "Webhooks",
    summary: "Create a webhook",
    description: "The signing `secret` is in this response only; afterwards only its last 4 characters are shown.",
    permission: "settings.write",
    body: CreateWebhookBody,
    idempotent: true,
    responses: { 201: { description: "Created.", schema: z.strictObject({ webhook: Webhook, secret: z.string() }) } },
  },
  {
    method: "get",
    path: "/api/v1/webhooks/{id}",
    operationId: "getWebhook",
    tag: "Webhooks",
    summary: "Get a webhook",
    permission: "settings.write",
    responses: { 200: { description: "The webhook.", schema: WebhookEnvelope } },
  },
  {
    method: "patch",
    path: "/api/v1/webhooks/{id}",
    operationId: "updateWebhook",
    tag: "Webhooks",
    summary: "Update a webhook",
    description: "A partial update of url, description and events; `disabled: true` pauses deliveries.",
    permission: "settings.write",
    body: UpdateWebhookBody,
    responses: { 200: { description: "The webhook after the change.", schema: WebhookEnvelope } },
  },
  {
    method: "delete",
    path: "/api/v1/webhooks/{id}",
    operationId: "deleteWebhook",
    tag: "Webhooks",
    summary: "Delete a webhook",
    permission: "settings.write",
    body: EmptyBody,
    responses: { 204: { description: "Deleted." } },
  },
  {
    method: "get",
    path: "/api/v1/webhooks/{id}/deliveries",
    operationId: "listWebhookDeliveries",
    tag: "Webhooks",
    summary: "List a webhook's recent deliveries",
    permission: "settings.write",
    query: ListDeliveriesQuery,
    responses: {
      200: {
        description: "Newest first.",
        schema: z.strictObject({ deliveries: z.array(WebhookDelivery) }),
      },
    },
  },
  {
    method: "post",
    path: "/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver",
    operationId: "redeliverWebhookDelivery",
    tag: "Webhooks",
    summary: "Send a delivery's event again",
    description: "As a new delivery; the worker sends it shortly.",
    permission: "settings.write",
    body: EmptyBody,
    responses: { 202: { description: "Queued.", schema: z.strictObject({ redelivered: z.literal(true) }) } },
  },
  {
    method: "get",
    path: iats,
    operationId: "listInitialAccessTokens",
    tag: "Initial access tokens",
    summary: "List a server's initial access tokens",
    description: "Tokens that protected Dynamic Client Registration accepts (RFC 7591 §3).",
    permission: "servers.read",
    responses: {
      200: {
        description: "Every token of the server.",
        schema: z.strictObject({ initialAccessTokens: z.array(InitialAccessToken) }),
      },
    },
  },
  {
    method: "post",
    path: iats,
    operationId: "createInitialAccessToken",
    tag: "Initial access tokens",
    summary: "Create an initial access token",
    description: "The `token` is in this response only; only its hash is stored.",
    permission: "servers.write",
    body: CreateInitialAccessTokenBody,
    idempotent: true,
    responses: {
      201: {
        description: "Created.",
        schema: z.strictObject({ initialAccessToken: InitialAccessToken, token: z.string() }),
      },
    },
  },
  {
    method: "delete",
    path: `${iats}/{tokenId}`,
    operationId: "revokeInitialAccessToken",
    tag: "Initial access tokens",
    summary: "Revoke an initial access token",
    description: "/register refuses it from now on.",
    permission: "servers.write",
    body: EmptyBody,
    responses: { 200: { description: "The token after the change.", schema: IatEnvelope } },
  },
]);
