// Offboarding a person through the admin API alone, as a security team's automation would:
// find the user by email, revoke every consent they hold (their refresh and access tokens stop at
// once), then disable the account (no sign-in, no refresh). It prints each step.
//
//   GATEHOUSE_URL=https://gatehouse.example.com GATEHOUSE_API_KEY=gha_… \
//     npx tsx scripts/examples/offboard.ts --email ana@example.com
//
// (or --url and --key). The key's role needs users.read, consents.revoke and users.disable:
// Security, Admin or Owner. Exit codes: 0 done, 1 failed (the API's error is printed), 2 bad usage.
// Plain fetch and no Gatehouse imports: copy it anywhere Node 18+ runs.
import { parseArgs } from "node:util";

interface User {
  id: string;
  email: string;
  disabledAt: string | null;
}
interface Revoked {
  id: string;
  userEmail: string;
  clientName: string;
}

class ApiError extends Error {}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { url: { type: "string" }, key: { type: "string" }, email: { type: "string" } },
    strict: true,
  });
  const base = (values.url ?? process.env.GATEHOUSE_URL ?? "").replace(/\/+$/, "");
  const key = values.key ?? process.env.GATEHOUSE_API_KEY ?? "";
  const email = (values.email ?? "").trim().toLowerCase();
  if (!base || !key || !email) {
    console.error("Usage: offboard.ts --email EMAIL [--url GATEHOUSE_URL] [--key GATEHOUSE_API_KEY]");
    return 2;
  }

  async function call<T>(method: string, path: string): Promise<T> {
    const res = await fetch(`${base}/api/v1${path}`, { method, headers: { authorization: `Bearer ${key}` } });
    const body = (await res.json().catch(() => ({}))) as T & { error?: { code: string; message: string } };
    if (!res.ok)
      throw new ApiError(`${method} ${path}: ${res.status} ${body.error?.code ?? ""} ${body.error?.message ?? ""}`);
    return body;
  }

  // The search matches parts of emails and names: keep the exact (case-insensitive) match only.
  const { users } = await call<{ users: User[] }>("GET", `/users?q=${encodeURIComponent(email)}&limit=500`);
  const user = users.find((u) => u.email.toLowerCase() === email);
  if (!user) {
    console.error(`No user has the email ${email}.`);
    return 1;
  }
  console.log(`Found ${user.email} (${user.id})${user.disabledAt ? ", already disabled" : ""}.`);

  const { revoked } = await call<{ revoked: Revoked[] }>("POST", `/users/${encodeURIComponent(user.id)}/revoke-access`);
  console.log(`Revoked ${revoked.length} consent${revoked.length === 1 ? "" : "s"}:`);
  for (const r of revoked) console.log(`  - ${r.clientName} (${r.id})`);

  await call<{ user: User }>("POST", `/users/${encodeURIComponent(user.id)}/disable`);
  console.log(`Disabled ${user.email}: sign-in and refresh are blocked; their tokens no longer work.`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
