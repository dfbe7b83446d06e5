import { z } from "zod";
import { ServerFields, ServerInput } from "@/lib/schemas/servers";
import { Server, ServerFootprintSchema } from "../schemas/server";
import { defineOperations } from "../registry";
import { ConfirmNameBody } from "./bodies";

export const CreateServerBody = ServerInput.strict();
/** Any of the create fields; those left out keep their values, and `scopes` replaces the whole list. */
export const UpdateServerBody = ServerFields.partial().strict();

const ServerEnvelope = z.strictObject({ server: Server }).meta({ id: "ServerResponse" });

export const serverOperations = defineOperations([
  {
    method: "get",
    path: "/api/v1/servers",
    operationId: "listServers",
    tag: "MCP servers",
    summary: "List MCP servers",
    description: "Every MCP server, oldest first.",
    permission: "servers.read",
    responses: { 200: { description: "The servers.", schema: z.strictObject({ servers: z.array(Server) }) } },
  },
  {
    method: "post",
    path: "/api/v1/servers",
    operationId: "createServer",
    tag: "MCP servers",
    summary: "Create an MCP server",
    description: "A slug or resource URL already in use is a 409 with the clashing field in `fields`.",
    permission: "servers.write",
    body: CreateServerBody,
    idempotent: true,
    responses: { 201: { description: "Created.", schema: ServerEnvelope } },
  },
  {
    method: "get",
    path: "/api/v1/servers/{slug}",
    operationId: "getServer",
    tag: "MCP servers",
    summary: "Get an MCP server",
    permission: "servers.read",
    responses: { 200: { description: "The server.", schema: ServerEnvelope } },
  },
  {
    method: "patch",
    path: "/api/v1/servers/{slug}",
    operationId: "updateServer",
    tag: "MCP servers",
    summary: "Update an MCP server",
    description: "A partial update; the `server.updated` audit event keeps before and after.",
    permission: "servers.write",
    body: UpdateServerBody,
    responses: { 200: { description: "The updated server.", schema: ServerEnvelope } },
  },
  {
    method: "delete",
    path: "/api/v1/servers/{slug}",
    operationId: "deleteServer",
    tag: "MCP servers",
    summary: "Delete an MCP server",
    description:
      "Irreversible: its clients, consents, refresh tokens (and so their access tokens), scopes and initial access tokens go with it. A missing or wrong `confirmName` is a 422.",
    permission: "servers.write",
    body: ConfirmNameBody,
    responses: {
      200: { description: "What was taken down.", schema: z.strictObject({ deleted: ServerFootprintSchema }) },
    },
  },
]);
