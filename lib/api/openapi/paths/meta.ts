import { defineOperations } from "../registry";

export const metaOperations = defineOperations([
  {
    method: "get",
    path: "/api/v1/openapi.json",
    operationId: "getOpenApiDocument",
    tag: "Meta",
    summary: "This OpenAPI 3.1 document",
    description: "Public and cacheable, so tools can import it; it describes the API, never data.",
    permission: null,
    responses: { 200: { description: "The OpenAPI document.", contentType: "application/json" } },
  },
]);
