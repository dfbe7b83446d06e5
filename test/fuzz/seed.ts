// Seeds a fresh data folder for the fuzz (run with tsx before the server starts: PGlite holds its
// folder for one process): an owner, an OWNER API key, an MCP server with open DCR and no rate
// limit, and a confidential machine client. Prints what the requests need as one JSON line.
import { applyMigrations, database } from "@/lib/db/client";
import { createApiKey, createClient, createServer, createUser, systemContext } from "@/lib/services";

const origin = process.env.GATEHOUSE_URL ?? "http://localhost:3000";
const ctx = systemContext("fuzz-seed");
await applyMigrations(database());
await createUser({
  ctx,
  input: { email: "owner@fuzz.test", password: "fuzz-owner-password-1", name: "Fuzz Owner", role: "OWNER" },
});
const { token: apiKey } = await createApiKey({ ctx, input: { name: "fuzz", role: "OWNER", expiresIn: "30d" } });
await createServer({
  ctx,
  input: {
    name: "Fuzz",
    slug: "fuzz",
    resourceUrl: `${origin}/mcp/fuzz`,
    description: "",
    scopes: [{ name: "mcp:tools", description: "" }],
    dcrEnabled: true,
    dcrRateLimitPerHour: 0,
  },
});
const { client, clientSecret } = await createClient({
  ctx,
  serverSlug: "fuzz",
  input: { name: "Fuzz machine", description: "", redirectUris: [], allowedScopes: [], isPublic: false },
});
console.log(JSON.stringify({ apiKey, clientId: client.clientId, clientSecret, clientRowId: client.id }));
await database().close();
