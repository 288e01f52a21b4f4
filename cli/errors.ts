// Errors the user can act on. Anything thrown as a UsageError is printed as one line and exits 2;
// anything else is a bug in gdpr-guard and is reported as such (still one line, still exit 2).
import * as fs from "node:fs";

/** The input, the config or the program could not be used. `message` is one full sentence. */
export class UsageError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "UsageError";
    }
}

/** First line of an error message, trimmed, for one-line reports. */
export function oneLine(message: string): string {
    const line = message.split(/\r?\n/).find((l) => l.trim() !== "") ?? message;
    return line.trim();
}

/** Exit codes of `gdpr-guard check`. */
export const EXIT = { ok: 0, mandatory: 1, unusable: 2 } as const;

/**
 * Reads a text file the user named. A missing or unreadable file is a UsageError that names it:
 * `<label> "<file>" does not exist.` / `… cannot be read (<code>).`
 */
export function readUserFile(file: string, label: string): string {
    try {
        return fs.readFileSync(file, "utf8");
    } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new UsageError(
            code === "ENOENT"
                ? `${label} "${file}" does not exist.`
                : `${label} "${file}" cannot be read (${code ?? (e as Error).message}).`,
        );
    }
}

/**
 * ` (line L, column C)` from a JSON.parse error's position, or "" when it gives none: where, never
 * what — V8's message quotes the text around the error, and a user's file may hold secrets.
 */
export function jsonErrorPlace(e: unknown, text: string): string {
    const m = /position (\d+)/.exec(e instanceof Error ? e.message : "");
    if (!m) {
        return /end of JSON input/.test(String(e)) ? " (it ends too early)" : "";
    }
    const before = text.slice(0, Number(m[1])).split("\n");
    return ` (line ${before.length}, column ${before[before.length - 1].length + 1})`;
}
