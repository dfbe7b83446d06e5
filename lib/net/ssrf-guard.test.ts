// The guard's decisions (CIMD-11, CIMD-12): no sockets here, only which addresses may be fetched.
import { describe, expect, it } from "vitest";
import {
  checkAddress,
  classifyHost,
  forbiddenAddressReason,
  isForbiddenAddress,
  isLoopbackAddress,
} from "./ssrf-guard";

const hostOf = (url: string) => new URL(url).hostname;

describe("isForbiddenAddress: every IPv4 special-use range", () => {
  it.each([
    ["0.0.0.0", "0/8"],
    ["0.255.255.255", "0/8"],
    ["10.0.0.1", "10/8"],
    ["10.255.255.255", "10/8"],
    ["100.64.0.1", "100.64/10"],
    ["100.127.255.254", "100.64/10"],
    ["127.0.0.1", "127/8"],
    ["127.255.0.9", "127/8"],
    ["169.254.169.254", "169.254/16 (cloud metadata)"],
    ["172.16.0.1", "172.16/12"],
    ["172.31.255.255", "172.16/12"],
    ["192.0.0.8", "192.0.0/24"],
    ["192.0.2.1", "192.0.2/24"],
    ["192.168.0.1", "192.168/16"],
    ["198.18.0.1", "198.18/15"],
    ["198.19.255.255", "198.18/15"],
    ["198.51.100.7", "198.51.100/24"],
    ["203.0.113.9", "203.0.113/24"],
    ["224.0.0.1", "224/4"],
    ["239.255.255.250", "224/4"],
    ["240.0.0.1", "240/4"],
    ["255.255.255.255", "broadcast"],
  ])("refuses %s (%s)", (ip) => {
    expect(isForbiddenAddress(ip)).toBe(true);
  });

  it.each([
    "8.8.8.8",
    "1.1.1.1",
    "93.184.216.34",
    "172.15.255.255",
    "172.32.0.1",
    "100.63.255.255",
    "100.128.0.0",
    "198.17.255.255",
    "198.20.0.0",
    "192.169.0.1",
    "11.0.0.1",
  ])("allows the public address %s", (ip) => {
    expect(forbiddenAddressReason(ip)).toBeNull();
  });
});

describe("isForbiddenAddress: every IPv6 special-use range", () => {
  it.each([
    ["::", "unspecified"],
    ["::1", "loopback"],
    ["[::1]", "loopback, bracketed"],
    ["::ffff:127.0.0.1", "IPv4-mapped loopback"],
    ["::ffff:7f00:1", "IPv4-mapped loopback, hex"],
    ["::ffff:10.0.0.1", "IPv4-mapped private"],
    ["::ffff:169.254.169.254", "IPv4-mapped link-local"],
    ["::ffff:192.168.1.1", "IPv4-mapped private"],
    ["::7f00:1", "IPv4-compatible (deprecated)"],
    ["64:ff9b::7f00:1", "NAT64"],
    ["64:ff9b::808:808", "NAT64 of a public address: still refused"],
    ["100::1", "discard-only"],
    ["2001:db8::1", "documentation"],
    ["2002:7f00:1::1", "6to4"],
    ["fc00::1", "unique local"],
    ["fd00:ec2::254", "unique local (cloud metadata)"],
    ["fe80::1", "link-local"],
    ["febf:ffff::1", "link-local, top of the range"],
    ["ff02::1", "multicast"],
    ["1::1", "outside global unicast"],
  ])("refuses %s (%s)", (ip) => {
    expect(isForbiddenAddress(ip)).toBe(true);
  });

  it.each(["2606:4700:4700::1111", "2001:4860:4860::8888", "2a00:1450:4001::1", "::ffff:8.8.8.8"])(
    "allows the public address %s",
    (ip) => {
      expect(forbiddenAddressReason(ip)).toBeNull();
    },
  );

  it("refuses anything that is not an IP address", () => {
    for (const junk of ["", "localhost", "example.com", "127.0.0.1.nip.io", "1.2.3", "::g", "fe80::1%eth0"])
      expect(isForbiddenAddress(junk)).toBe(true);
  });
});

describe("the local-testing loopback exception", () => {
  it("lets only loopback through, never the private, shared or link-local ranges", () => {
    const policy = { allowLoopback: true };
    for (const ip of ["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"]) {
      expect(isLoopbackAddress(ip)).toBe(true);
      expect(checkAddress(ip, policy).ok).toBe(true);
    }
    for (const ip of [
      "10.0.0.1",
      "172.16.0.1",
      "192.168.0.1",
      "100.64.0.1",
      "169.254.169.254",
      "fc00::1",
      "fe80::1",
      "0.0.0.0",
      "::",
    ]) {
      expect(checkAddress(ip, policy).ok).toBe(false);
    }
  });

  it("is off unless asked for", () => {
    expect(checkAddress("127.0.0.1", { allowLoopback: false })).toEqual({
      ok: false,
      reason: expect.stringContaining("loopback"),
    });
  });
});

describe("classifyHost: literal hosts are judged before DNS, in every spelling", () => {
  it.each([
    ["https://127.0.0.1/c.json", "127.0.0.1"],
    ["https://2130706433/c.json", "127.0.0.1"],
    ["https://0x7f000001/c.json", "127.0.0.1"],
    ["https://0177.0.0.1/c.json", "127.0.0.1"],
    ["https://0x7f.0.0.1/c.json", "127.0.0.1"],
    ["https://127.1/c.json", "127.0.0.1"],
    ["https://[::1]/c.json", "::1"],
    ["https://[::ffff:127.0.0.1]/c.json", "::ffff:7f00:1"],
    ["https://[0:0:0:0:0:ffff:7f00:1]/c.json", "::ffff:7f00:1"],
    ["https://0/c.json", "0.0.0.0"],
    ["https://167772161/c.json", "10.0.0.1"],
    ["https://0xa9.0xfe.0xa9.0xfe/latest", "169.254.169.254"],
  ])("%s is the address %s, refused", (url, address) => {
    const host = classifyHost(hostOf(url));
    expect(host).toMatchObject({ kind: "ip", address });
    expect(isForbiddenAddress(address)).toBe(true);
  });

  it("treats localhost and *.localhost as loopback by name (RFC 6761), whatever DNS says", () => {
    expect(classifyHost(hostOf("https://localhost/c.json"))).toEqual({ kind: "localhost", name: "localhost" });
    expect(classifyHost(hostOf("https://LOCALHOST./c.json"))).toEqual({ kind: "localhost", name: "localhost" });
    expect(classifyHost(hostOf("https://app.localhost/c.json"))).toEqual({ kind: "localhost", name: "app.localhost" });
  });

  it("leaves other names to DNS", () => {
    expect(classifyHost(hostOf("https://Client.Example.com/c.json"))).toEqual({
      kind: "name",
      name: "client.example.com",
    });
  });
});
