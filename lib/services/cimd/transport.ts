// How the CIMD fetcher reaches the network: the SSRF guard's local-testing flags from the
// environment, and (tests only) an injected resolver, connector or CA.
import { env } from "@/lib/env";
import type { Connector, Resolver } from "@/lib/net/guarded-fetch";

export interface CimdTransport {
  allowLoopback: boolean;
  allowHttp: boolean;
  resolver?: Resolver;
  connector?: Connector;
  ca?: string | Buffer | (string | Buffer)[];
}

let override: Partial<CimdTransport> | undefined;

/** Tests cannot set NODE_EXTRA_CA_CERTS after start: they pass their CA (and fakes) here. */
export function setCimdTransportForTests(t: Partial<CimdTransport> | undefined): void {
  override = t;
}

export function cimdTransport(): CimdTransport {
  const e = env();
  return { allowLoopback: e.GATEHOUSE_CIMD_ALLOW_LOOPBACK, allowHttp: e.GATEHOUSE_CIMD_ALLOW_HTTP, ...override };
}

/** The local-testing relaxations in force, for the start-up log and the dashboard banner. */
export function cimdLocalTestingFlags(): string[] {
  const e = env();
  return [
    e.GATEHOUSE_CIMD_ALLOW_LOOPBACK && "GATEHOUSE_CIMD_ALLOW_LOOPBACK",
    e.GATEHOUSE_CIMD_ALLOW_HTTP && "GATEHOUSE_CIMD_ALLOW_HTTP",
  ].filter((f): f is string => Boolean(f));
}
