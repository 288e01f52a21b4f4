// Defensive readers for resource properties, which may be missing, unknown during preview, a JSON
// string or of the wrong type: every rule reads through these and narrows what it gets.
/** Reads a provider flag that arrives as a boolean or as its config string (`"true"`). */
export function isTrue(value: unknown): boolean {
    return value === true || (typeof value === "string" && value.trim().toLowerCase() === "true");
}

/** Reads a value that should be an object; anything else (missing, a string, a list) reads as `{}`. */
export function asObject(value: unknown): Record<string, any> {
    return value !== null && typeof value === "object" && !Array.isArray(value)
        ? (value as Record<string, any>)
        : {};
}

/** Reads a value that should be a list; anything else reads as `[]`. */
export function asArray(value: unknown): any[] {
    return Array.isArray(value) ? value : [];
}

/** Labels or annotations as a string map; non-string values are ignored. */
export function stringMap(value: unknown): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(asObject(value))) {
        if (typeof v === "string") {
            out[k] = v;
        }
    }
    return out;
}
