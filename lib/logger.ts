// One JSON line per event on stdout (errors on stderr). Callers pass no secrets; errors are reduced
// to name, message and stack. Written to the streams directly: inside Next.js, console.* goes
// through the framework's wrappers, a measurable cost at one line per protocol request.
//
// Info lines logged in one turn of the event loop leave in one write, at the end of that turn
// (setImmediate): a write per line (a syscall each, when stdout is a file or a pipe) cost about as
// much as the rest of an introspection's logging and ids together. A warning or an error first
// writes what is pending, then itself at once, so lines keep their order and a failure is never held
// back; whatever is pending when the process exits is written by the exit handler.
type Fields = Record<string, unknown>;

function serialise(fields: Fields): Fields {
  const out: Fields = {};
  for (const [k, v] of Object.entries(fields)) {
    out[k] = v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v;
  }
  return out;
}

/** Caps what waits for the end of the turn; a burst beyond it is written at once. */
const MAX_PENDING_CHARS = 64 * 1024;
let pending = "";
let scheduled = false;
let exitHooked = false;

/** Writes the info lines waiting for the end of this turn (tests call it before reading stdout). */
export function flushLog(): void {
  scheduled = false;
  if (pending === "") return;
  const chunk = pending;
  pending = "";
  process.stdout.write(chunk);
}

function write(level: "info" | "warn" | "error", event: string, fields: Fields = {}) {
  const line = `${JSON.stringify({ time: new Date().toISOString(), level, event, ...serialise(fields) })}\n`;
  if (level !== "info") {
    flushLog();
    (level === "error" ? process.stderr : process.stdout).write(line);
    return;
  }
  pending += line;
  if (pending.length >= MAX_PENDING_CHARS) return flushLog();
  if (!exitHooked) {
    exitHooked = true;
    process.once("exit", flushLog);
  }
  if (!scheduled) {
    scheduled = true;
    setImmediate(flushLog);
  }
}

export const logger = {
  info: (event: string, fields?: Fields) => write("info", event, fields),
  warn: (event: string, fields?: Fields) => write("warn", event, fields),
  error: (event: string, fields?: Fields) => write("error", event, fields),
};
