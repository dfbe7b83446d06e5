// The Status List Token format, read back by an independent implementation (@sd-jwt/jwt-status-list)
// and verified with jose: what a resource server's library will see.
import { generateKeyPairSync } from "node:crypto";
import { getListFromStatusListJWT, StatusList } from "@sd-jwt/jwt-status-list";
import { decodeProtectedHeader, importJWK, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { encodeStatusBits, signStatusListToken, STATUS_LIST_TYP, statusClaim } from "./status-list";

const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
const key = { kid: "k1", privateKey };

describe("Token Status List format (draft-ietf-oauth-status-list)", () => {
  it("TSL-01: sets exactly the INVALID bits, LSB first, readable by @sd-jwt/jwt-status-list", () => {
    const capacity = 2 ** 21;
    const invalid = [0, 7, 8, 9, 1000, 123_457, capacity - 1];
    const list = StatusList.decompressStatusList(encodeStatusBits(capacity, invalid), 1);
    expect(list.statusList.length).toBe(capacity);
    for (const idx of invalid) expect(list.getStatus(idx)).toBe(1);
    for (const idx of [1, 6, 10, 999, 1001, capacity - 2]) expect(list.getStatus(idx)).toBe(0);
    expect(list.statusList.reduce((a, b) => a + b, 0)).toBe(invalid.length);
  });

  it("TSL-01: matches the reference encoding byte for byte once decompressed (§4.1 example bits)", () => {
    // The draft's example: statuses 1,0,0,1,1,1,0,1 / 1,1,0,0,0,1,0,1 (index 0 first) → bytes 0xB9 0xA3.
    const reference = new StatusList([1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1], 1);
    const ours = StatusList.decompressStatusList(encodeStatusBits(16, [0, 3, 4, 5, 7, 8, 9, 13, 15]), 1);
    expect(Buffer.from(ours.encodeStatusList())).toEqual(Buffer.from([0xb9, 0xa3]));
    expect(ours.statusList).toEqual(reference.statusList);
  });

  it("TSL-02: refuses an index outside the list", () => {
    expect(() => encodeStatusBits(8, [8])).toThrow(RangeError);
    expect(() => encodeStatusBits(8, [-1])).toThrow(RangeError);
  });

  it("TSL-03: signs a statuslist+jwt with sub, iat, exp, ttl and status_list {bits, lst}", async () => {
    const uri = "https://as.example/oauth/demo/status-lists/sl_1";
    const jwt = signStatusListToken({ uri, capacity: 64, invalid: [5], iat: 1_800_000_000, ttl: 10 }, key);
    expect(decodeProtectedHeader(jwt)).toEqual({ alg: "ES256", typ: STATUS_LIST_TYP, kid: "k1" });
    const { payload } = await jwtVerify(jwt, await importJWK(publicKey.export({ format: "jwk" }), "ES256"), {
      subject: uri,
      typ: "statuslist+jwt",
      currentDate: new Date(1_800_000_005_000),
    });
    expect(payload).toMatchObject({ sub: uri, iat: 1_800_000_000, ttl: 10, status_list: { bits: 1 } });
    expect(payload.exp).toBeGreaterThan(1_800_000_000 + 10);
    expect(getListFromStatusListJWT(jwt).getStatus(5)).toBe(1);
    expect(getListFromStatusListJWT(jwt).getStatus(4)).toBe(0);
  });

  it("TSL-04: the referenced token's claim is status.status_list {idx, uri} (§6.1)", () => {
    expect({ status: statusClaim("https://as.example/l/1", 42) }).toEqual({
      status: { status_list: { idx: 42, uri: "https://as.example/l/1" } },
    });
  });
});
