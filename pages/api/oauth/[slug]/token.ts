// POST /oauth/{slug}/token (rewritten here by next.config.ts): served by the lean Node adapter, see
// lib/http/node-endpoint.ts for why this endpoint lives in the Pages Router.
import { nodeEndpoint } from "@/lib/http/node-endpoint";
import { tokenEndpoint } from "@/lib/services/oauth/endpoints";

export const config = { api: { bodyParser: false } };

export default nodeEndpoint(tokenEndpoint);
