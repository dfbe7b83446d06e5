// The only reader of process.env. Parsed lazily so tests and the CLI can set variables first.
import { z } from "zod";

/** "1" or "true" turns a flag on; unset, "", "0" or "false" leave it off; anything else is an error. */
const Flag = z
  .enum(["1", "true", "0", "false", ""], { error: "use 1 (on) or 0 (off)" })
  .optional()
  .transform((v) => v === "1" || v === "true");

const EnvSchema = z.object({
  GATEHOUSE_URL: z
    .url({ protocol: /^https?$/, error: "GATEHOUSE_URL must be an absolute http(s) URL" })
    .default("http://localhost:3000")
    .transform((u) => u.replace(/\/+$/, "")),
  GATEHOUSE_DATA_DIR: z.string().min(1).default("./.data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// or postgresql:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  GATEHOUSE_SECRET: z.string().min(32, "GATEHOUSE_SECRET must be at least 32 characters").optional(),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  /** How many reverse proxies in front of Gatehouse append to X-Forwarded-For (0: none). */
  GATEHOUSE_TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
  /**
   * Local testing only: let the CIMD fetcher reach loopback addresses (127.0.0.0/8, ::1), and with
   * GATEHOUSE_CIMD_ALLOW_HTTP also plain http to them. Both are logged at start and shown on the
   * dashboard while set.
   */
  GATEHOUSE_CIMD_ALLOW_LOOPBACK: Flag,
  GATEHOUSE_CIMD_ALLOW_HTTP: Flag,
  /**
   * Local testing only: accept an upstream identity provider whose issuer is plain http on a
   * loopback host (the oidc-provider the tests start). https stays required everywhere else.
   */
  GATEHOUSE_IDP_ALLOW_HTTP_LOOPBACK: Flag,
  /** Graceful shutdown: how long requests in flight may take to finish after SIGTERM/SIGINT (seconds). */
  GATEHOUSE_SHUTDOWN_TIMEOUT: z.coerce.number().min(0).max(600).default(10),
  /**
   * Turns on the Prometheus endpoint /api/metrics, answered only to this bearer token (unset: 404).
   * Long enough not to be guessed; compared in constant time.
   */
  GATEHOUSE_METRICS_TOKEN: z
    .string()
    .min(16, "GATEHOUSE_METRICS_TOKEN must be at least 16 characters")
    .regex(/^\S+$/, "GATEHOUSE_METRICS_TOKEN must not contain spaces")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /**
   * OpenTelemetry tracing is on when either is set (lib/telemetry/tracing.ts). The SDK reads the
   * other standard OTEL_* variables (headers, timeout, service name, sampler) itself.
   */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.string().optional(),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = EnvSchema.safeParse(process.env);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
      throw new Error(`Invalid Gatehouse configuration:\n${lines.join("\n")}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** Tests change the environment between files; production never calls this. */
export function resetEnvCache(): void {
  cached = undefined;
}

export function usesPostgres(): boolean {
  return env().DATABASE_URL !== undefined;
}
