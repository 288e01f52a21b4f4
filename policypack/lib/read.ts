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

/** A list of strings; non-string entries are dropped and anything but a list reads as `[]`. */
export function stringList(value: unknown): string[] {
    return asArray(value).filter((v): v is string => typeof v === "string");
}

/** A provider switch (`storageEncrypted`, `accessLogs.enabled`) as the rules see it. */
export type Flag = "on" | "off" | "unset" | "invalid";

/** Reads a switch: a boolean, or its provider string `"true"` / `"false"`. */
export function readFlag(value: unknown): Flag {
    if (value === undefined || value === null) {
        return "unset";
    }
    if (typeof value === "boolean") {
        return value ? "on" : "off";
    }
    if (typeof value === "string") {
        const s = value.trim().toLowerCase();
        if (s === "true") {
            return "on";
        }
        if (s === "false") {
            return "off";
        }
        if (s === "") {
            return "unset";
        }
    }
    return "invalid";
}

/**
 * Why a switch is not on, as a parenthesis for a message ("`encrypted` is false"), or undefined
 * when it is. `defaultOn` is what the service does when the switch is unset.
 */
export function flagProblem(prop: string, value: unknown, defaultOn = false): string | undefined {
    const flag = readFlag(value);
    if (flag === "on" || (flag === "unset" && defaultOn)) {
        return undefined;
    }
    if (flag === "unset") {
        return `\`${prop}\` is unset, which defaults to false`;
    }
    if (flag === "off") {
        return `\`${prop}\` is false`;
    }
    return `\`${prop}\` is ${JSON.stringify(value)}, not a boolean`;
}
