// Errors the user can act on. Anything thrown as a UsageError is printed as one line and exits 2;
// anything else is a bug in gdpr-guard and is reported as such (still one line, still exit 2).

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
