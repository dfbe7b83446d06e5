// RFC 8252 §7.3 / §8.3: loopback interface hosts. "localhost" is accepted alongside the IP
// literals because MCP clients (and the MCP spec's examples) use it.
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}
