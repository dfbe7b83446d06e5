import { scimJson, scimRoute } from "@/lib/api/scim-route";
import { serviceProviderConfig } from "@/lib/scim/discovery";

export const GET = scimRoute(async ({ baseUrl }) => scimJson(serviceProviderConfig(baseUrl)));
