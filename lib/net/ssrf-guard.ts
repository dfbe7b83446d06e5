// The SSRF guard for every URL Gatehouse fetches on a client's say-so (CIMD documents and their
// logo_uri): CIMD-01 §6.5 (-02 §8.6: MUST NOT fetch special-use addresses, also for URLs inside
// the document), MCP security best practices "SSRF". Pure decisions only: no DNS, no sockets.
// The ranges are the IANA special-purpose registries (RFC 6890 and successors), plus multicast
// and the reserved 240/4; an address is judged by its numeric value, never by its spelling.
import { isIP } from "node:net";

export type AddressFamily = 4 | 6;

interface Range4 {
  base: number;
  bits: number;
  label: string;
}

const V4_RANGES: Range4[] = [
  ["0.0.0.0", 8, '"this network" (0.0.0.0/8)'],
  ["10.0.0.0", 8, "private (10.0.0.0/8)"],
  ["100.64.0.0", 10, "shared address space / carrier-grade NAT (100.64.0.0/10)"],
  ["127.0.0.0", 8, "loopback (127.0.0.0/8)"],
  ["169.254.0.0", 16, "link-local, including cloud metadata services (169.254.0.0/16)"],
  ["172.16.0.0", 12, "private (172.16.0.0/12)"],
  ["192.0.0.0", 24, "IETF protocol assignments (192.0.0.0/24)"],
  ["192.0.2.0", 24, "documentation (192.0.2.0/24)"],
  ["192.88.99.0", 24, "6to4 relay anycast (192.88.99.0/24)"],
  ["192.168.0.0", 16, "private (192.168.0.0/16)"],
  ["198.18.0.0", 15, "benchmarking (198.18.0.0/15)"],
  ["198.51.100.0", 24, "documentation (198.51.100.0/24)"],
  ["203.0.113.0", 24, "documentation (203.0.113.0/24)"],
  ["224.0.0.0", 4, "multicast (224.0.0.0/4)"],
  ["240.0.0.0", 4, "reserved (240.0.0.0/4), including broadcast 255.255.255.255"],
].map(([ip, bits, label]) => ({ base: v4ToNumber(ip as string) ?? 0, bits: bits as number, label: label as string }));

interface Range6 {
  prefix: number[];
  bits: number;
  label: string;
}

const V6_RANGES: Range6[] = [
  ["::", 128, "unspecified (::)"],
  ["::1", 128, "loopback (::1)"],
  ["::", 96, "deprecated IPv4-compatible (::/96)"],
  ["64:ff9b::", 96, "NAT64 (64:ff9b::/96), which reaches IPv4 addresses"],
  ["64:ff9b:1::", 48, "local-use NAT64 (64:ff9b:1::/48)"],
  ["100::", 64, "discard-only (100::/64)"],
  ["2001::", 23, "IETF protocol assignments (2001::/23)"],
  ["2001:db8::", 32, "documentation (2001:db8::/32)"],
  ["2002::", 16, "6to4 (2002::/16), which can embed any IPv4 address"],
  ["fc00::", 7, "unique local (fc00::/7)"],
  ["fe80::", 10, "link-local (fe80::/10)"],
  ["fec0::", 10, "deprecated site-local (fec0::/10)"],
  ["ff00::", 8, "multicast (ff00::/8)"],
].map(([ip, bits, label]) => ({ prefix: v6ToWords(ip as string) ?? [], bits: bits as number, label: label as string }));

const GLOBAL_UNICAST_V6: Range6 = { prefix: [0x2000, 0, 0, 0, 0, 0, 0, 0], bits: 3, label: "global unicast" };

function v4ToNumber(ip: string): number | null {
  const parts = ip.split(".");
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return null;
    const v = Number(p);
    if (v > 255) return null;
    n = n * 256 + v;
  }
  return n;
}

/** Eight 16-bit words of an IPv6 address (brackets, and a dotted IPv4 tail, allowed); null if invalid. */
function v6ToWords(input: string): number[] | null {
  let ip = input.startsWith("[") && input.endsWith("]") ? input.slice(1, -1) : input;
  if (ip.includes("%")) return null; // zone ids name an interface: never a fetch target
  let tail: number[] = [];
  if (ip.includes(".")) {
    // A dotted IPv4 tail ("::ffff:127.0.0.1") stands for the last two words.
    const colon = ip.lastIndexOf(":");
    const v4 = v4ToNumber(ip.slice(colon + 1));
    if (v4 === null) return null;
    tail = [Math.floor(v4 / 65536), v4 % 65536];
    ip = ip.slice(0, colon + 1);
    if (!ip.endsWith("::")) ip = ip.slice(0, -1);
  }
  const halves = ip.split("::");
  if (halves.length > 2) return null;
  const parse = (s: string) =>
    s === "" ? [] : s.split(":").map((w) => (/^[0-9a-f]{1,4}$/i.test(w) ? parseInt(w, 16) : NaN));
  const head = parse(halves[0] ?? "");
  const rest = halves.length === 2 ? parse(halves[1] ?? "") : [];
  if ([...head, ...rest].some(Number.isNaN)) return null;
  const given = head.length + rest.length + tail.length;
  if (halves.length === 2) {
    if (given > 7) return null;
    return [...head, ...new Array<number>(8 - given).fill(0), ...rest, ...tail];
  }
  return given === 8 ? [...head, ...tail] : null;
}

function inV4(n: number, r: Range4): boolean {
  const size = 2 ** (32 - r.bits);
  return Math.floor(n / size) === Math.floor(r.base / size);
}

function inV6(words: number[], r: Range6): boolean {
  let bits = r.bits;
  for (let i = 0; i < 8 && bits > 0; i++) {
    const take = Math.min(16, bits);
    const mask = (0xffff << (16 - take)) & 0xffff;
    if (((words[i] ?? 0) & mask) !== ((r.prefix[i] ?? 0) & mask)) return false;
    bits -= take;
  }
  return true;
}

/** The IPv4 address inside an IPv4-mapped IPv6 address (::ffff:a.b.c.d), or null. */
function mappedV4(words: number[]): number | null {
  const isMapped = words.slice(0, 5).every((w) => w === 0) && words[5] === 0xffff;
  return isMapped ? (words[6] ?? 0) * 65536 + (words[7] ?? 0) : null;
}

function v4Reason(n: number): string | null {
  return V4_RANGES.find((r) => inV4(n, r))?.label ?? null;
}

/**
 * Why `ip` must not be fetched from, or null when it is a public unicast address. Unparseable
 * input is refused too. IPv4-mapped IPv6 (::ffff:0:0/96) is judged by the IPv4 address it embeds.
 */
export function forbiddenAddressReason(ip: string): string | null {
  const family = isIP(ip.replace(/^\[|\]$/g, ""));
  if (family === 4) {
    const n = v4ToNumber(ip);
    return n === null ? "not an IP address" : v4Reason(n);
  }
  if (family === 6) {
    const words = v6ToWords(ip);
    if (!words) return "not an IP address";
    const v4 = mappedV4(words);
    if (v4 !== null) {
      const inner = v4Reason(v4);
      return inner ? `IPv4-mapped ${inner}` : null;
    }
    const special = V6_RANGES.find((r) => inV6(words, r))?.label;
    if (special) return special;
    // Only 2000::/3 is global unicast today; the rest of the space is reserved or unassigned.
    return inV6(words, GLOBAL_UNICAST_V6) ? null : "reserved (outside the global unicast range 2000::/3)";
  }
  return "not an IP address";
}

export function isForbiddenAddress(ip: string): boolean {
  return forbiddenAddressReason(ip) !== null;
}

/** 127.0.0.0/8, ::1, and IPv4-mapped 127.0.0.0/8: what GATEHOUSE_CIMD_ALLOW_LOOPBACK lets through. */
export function isLoopbackAddress(ip: string): boolean {
  const family = isIP(ip.replace(/^\[|\]$/g, ""));
  if (family === 4) {
    const n = v4ToNumber(ip);
    return n !== null && Math.floor(n / 2 ** 24) === 127;
  }
  if (family === 6) {
    const words = v6ToWords(ip);
    if (!words) return false;
    const v4 = mappedV4(words);
    if (v4 !== null) return Math.floor(v4 / 2 ** 24) === 127;
    return words.slice(0, 7).every((w) => w === 0) && words[7] === 1;
  }
  return false;
}

export interface GuardPolicy {
  /** Local testing only (GATEHOUSE_CIMD_ALLOW_LOOPBACK): loopback addresses pass; nothing else does. */
  allowLoopback: boolean;
}

/** The guard's verdict on one resolved (or literal) address. */
export function checkAddress(
  ip: string,
  policy: GuardPolicy,
): { ok: true; family: AddressFamily } | { ok: false; reason: string } {
  const family = isIP(ip.replace(/^\[|\]$/g, ""));
  if (family !== 4 && family !== 6) return { ok: false, reason: `${ip}, which is not an IP address` };
  if (policy.allowLoopback && isLoopbackAddress(ip)) return { ok: true, family };
  const reason = forbiddenAddressReason(ip);
  return reason
    ? { ok: false, reason: `${ip}, ${/^[aeiou]/i.test(reason) ? "an" : "a"} ${reason} address` }
    : { ok: true, family };
}

export type HostClass =
  /** An IP literal: no DNS; judged as it stands. `address` has no brackets. */
  | { kind: "ip"; address: string; family: AddressFamily }
  /** "localhost" and "*.localhost" (RFC 6761 §6.3): loopback by name, whatever DNS says. */
  | { kind: "localhost"; name: string }
  /** A DNS name: every address it resolves to must pass checkAddress. */
  | { kind: "name"; name: string };

/**
 * Classifies a URL's host. Pass `new URL(x).hostname`: the WHATWG parser already turns the
 * decimal, octal and hex spellings of IPv4 (2130706433, 0177.0.0.1, 0x7f000001, 0x7f.0.0.1) into
 * dotted quads and compresses IPv6, so a literal can never hide as a name here.
 */
export function classifyHost(hostname: string): HostClass {
  const bare = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const family = isIP(bare);
  if (family === 4 || family === 6) return { kind: "ip", address: bare, family };
  const name = bare.replace(/\.$/, "");
  if (name === "localhost" || name.endsWith(".localhost")) return { kind: "localhost", name };
  return { kind: "name", name };
}
