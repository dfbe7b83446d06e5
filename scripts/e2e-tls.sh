#!/usr/bin/env bash
# Throw-away TLS material for the end-to-end tests (made once, reused): a CA and a certificate for
# 127.0.0.1, [::1] and localhost. The e2e server trusts the CA through NODE_EXTRA_CA_CERTS; the CIMD
# spec serves client metadata documents over HTTPS with the certificate.
set -euo pipefail
DIR="${1:-.e2e-tls}"
if [ -s "$DIR/ca.pem" ] && [ -s "$DIR/cert.pem" ] && [ -s "$DIR/key.pem" ] && openssl x509 -checkend 86400 -noout -in "$DIR/cert.pem" >/dev/null 2>&1; then
  exit 0
fi
rm -rf "$DIR"
mkdir -p "$DIR"
EC=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
openssl req -x509 "${EC[@]}" -keyout "$DIR/ca.key" -out "$DIR/ca.pem" -days 30 -subj "/CN=Gatehouse e2e test CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
openssl req "${EC[@]}" -keyout "$DIR/key.pem" -out "$DIR/cert.csr" -subj "/CN=localhost" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n' > "$DIR/cert.ext"
openssl x509 -req -in "$DIR/cert.csr" -CA "$DIR/ca.pem" -CAkey "$DIR/ca.key" -CAcreateserial -out "$DIR/cert.pem" -days 30 -extfile "$DIR/cert.ext" 2>/dev/null
rm -f "$DIR/cert.csr" "$DIR/cert.ext" "$DIR/ca.key" "$DIR/ca.srl"
