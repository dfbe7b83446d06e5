// RFC 7644 §4 discovery: what this service provider supports, as the documents clients read before
// provisioning (Entra's "Test connection" and Okta's app wizard fetch ServiceProviderConfig).
import { MAX_COUNT } from "./list";
import { RESOURCE_TYPE_SCHEMA, SCHEMA_SCHEMA, SERVICE_PROVIDER_CONFIG_SCHEMA, USER_SCHEMA } from "./schemas";

export function serviceProviderConfig(baseUrl: string) {
  return {
    schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_COUNT },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: "oauthbearertoken",
        name: "Bearer token",
        description: "A SCIM token created in Gatehouse under Settings → Identity providers → SCIM.",
        primary: true,
      },
    ],
    meta: { resourceType: "ServiceProviderConfig", location: `${baseUrl}/ServiceProviderConfig` },
  };
}

export function userResourceType(baseUrl: string) {
  return {
    schemas: [RESOURCE_TYPE_SCHEMA],
    id: "User",
    name: "User",
    endpoint: "/Users",
    description: "A person who signs in to Gatehouse",
    schema: USER_SCHEMA,
    schemaExtensions: [],
    meta: { resourceType: "ResourceType", location: `${baseUrl}/ResourceTypes/User` },
  };
}

function attribute(name: string, extra: Record<string, unknown> = {}) {
  return {
    name,
    type: "string",
    multiValued: false,
    required: false,
    caseExact: false,
    mutability: "readWrite",
    returned: "default",
    uniqueness: "none",
    ...extra,
  };
}

export function userSchema(baseUrl: string) {
  return {
    schemas: [SCHEMA_SCHEMA],
    id: USER_SCHEMA,
    name: "User",
    description: "User Account (the attributes Gatehouse keeps; others are accepted and ignored)",
    attributes: [
      attribute("userName", {
        required: true,
        uniqueness: "server",
        description: "The person's email address.",
      }),
      attribute("name", {
        type: "complex",
        subAttributes: [attribute("givenName"), attribute("familyName"), attribute("formatted")],
      }),
      attribute("displayName"),
      attribute("emails", {
        type: "complex",
        multiValued: true,
        description: "Reported as the one primary work email, the userName.",
        subAttributes: [attribute("value"), attribute("type"), attribute("primary", { type: "boolean" })],
      }),
      attribute("active", { type: "boolean" }),
    ],
    meta: { resourceType: "Schema", location: `${baseUrl}/Schemas/${USER_SCHEMA}` },
  };
}
