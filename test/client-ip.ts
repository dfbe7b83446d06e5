// Tests that call route handlers directly act as the front door would (lib/http/front-door.ts):
// they stamp the client address under this process's header name.
import { clientIpHeader } from "@/lib/request-meta";

export function fromIp(ip: string): Record<string, string> {
  return { [clientIpHeader()]: ip };
}
