// Throw-away TLS material for tests: a CA and a server certificate for the loopback addresses (and
// any test host names), made with the openssl CLI in a temporary folder. Tests pass the CA to the
// code under test explicitly: NODE_EXTRA_CA_CERTS is read only when Node starts.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface TestPki {
  ca: string;
  cert: string;
  key: string;
  cleanup(): void;
}

export function makeTestPki(dnsNames: string[] = []): TestPki {
  const dir = mkdtempSync(path.join(tmpdir(), "gatehouse-tls-"));
  const file = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync("openssl", args, { stdio: ["ignore", "ignore", "pipe"] });
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  openssl(
    "req",
    "-x509",
    ...ec,
    "-keyout",
    file("ca.key"),
    "-out",
    file("ca.pem"),
    "-days",
    "2",
    "-subj",
    "/CN=Gatehouse test CA",
    "-addext",
    "basicConstraints=critical,CA:TRUE",
    "-addext",
    "keyUsage=critical,keyCertSign,cRLSign",
  );
  openssl("req", ...ec, "-keyout", file("key.pem"), "-out", file("leaf.csr"), "-subj", "/CN=localhost");
  const san = ["IP:127.0.0.1", "IP:::1", "DNS:localhost", ...dnsNames.map((n) => `DNS:${n}`)].join(",");
  writeFileSync(
    file("leaf.ext"),
    `subjectAltName=${san}\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n`,
  );
  openssl(
    "x509",
    "-req",
    "-in",
    file("leaf.csr"),
    "-CA",
    file("ca.pem"),
    "-CAkey",
    file("ca.key"),
    "-CAcreateserial",
    "-out",
    file("cert.pem"),
    "-days",
    "2",
    "-extfile",
    file("leaf.ext"),
  );
  return {
    ca: readFileSync(file("ca.pem"), "utf8"),
    cert: readFileSync(file("cert.pem"), "utf8"),
    key: readFileSync(file("key.pem"), "utf8"),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
