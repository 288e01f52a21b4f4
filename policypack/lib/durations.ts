// Durations as Vault and Kubernetes write them (`3600`, `"1h30m"`, `"7d"`), read and described once.
/**
 * A Vault duration in seconds: a number (`3600`), a numeric string (`"3600"`), or Go-style units
 * (`"1h"`, `"90m"`, `"1h30m"`, `"768h"`, `"7d"`). Undefined when it cannot be read.
 */
export function parseDurationSeconds(value: unknown): number | undefined {
    if (typeof value === "number") {
        return Number.isFinite(value) && value >= 0 ? value : undefined;
    }
    if (typeof value !== "string") {
        return undefined;
    }
    const v = value.trim();
    if (/^\d+$/.test(v)) {
        return Number(v);
    }
    const unit: Record<string, number> = {
        ms: 0.001,
        s: 1,
        m: 60,
        h: 3600,
        d: 86400,
    };
    const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;
    if (!/^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/.test(v)) {
        return undefined;
    }
    let total = 0;
    for (const m of v.matchAll(re)) {
        total += Number(m[1]) * unit[m[2]];
    }
    return total;
}

/** A duration for messages: `3600` → `"3600s (1h)"`. */
export function describeDuration(seconds: number): string {
    return seconds % 3600 === 0 && seconds > 0 ? `${seconds}s (${seconds / 3600}h)` : `${seconds}s`;
}
