// Timing and summary helpers for the benchmarks: wall-clock milliseconds, median / min / max over
// repetitions, ratios, and a plain-text table.

/** Milliseconds since an arbitrary origin, with sub-millisecond resolution. */
export function now(): number {
    return Number(process.hrtime.bigint()) / 1e6;
}

/** Runs `fn` and returns its result and the milliseconds it took. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
    const start = now();
    const value = await fn();
    return { value, ms: now() - start };
}

export interface Summary {
    n: number;
    median: number;
    min: number;
    max: number;
}

export function summarize(samples: number[]): Summary {
    if (samples.length === 0) {
        throw new Error("summarize() needs at least one sample.");
    }
    const sorted = [...samples].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    return { n: sorted.length, median, min: sorted[0], max: sorted[sorted.length - 1] };
}

/** `median (min–max)` in milliseconds, with a precision that suits the size. */
export function fmtMs(s: Summary | number): string {
    const one = (ms: number) =>
        ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
    if (typeof s === "number") {
        return `${one(s)} ms`;
    }
    return s.n === 1
        ? `${one(s.median)} ms`
        : `${one(s.median)} ms (${one(s.min)}–${one(s.max)}, n=${s.n})`;
}

export function fmtRatio(r: number): string {
    return `${r.toFixed(2)}x`;
}

/** A left-aligned text table with a header row and a rule under it. */
export function table(header: string[], rows: string[][]): string {
    const widths = header.map((h, i) =>
        Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)),
    );
    const line = (cells: string[]) =>
        cells
            .map((c, i) => c.padEnd(widths[i]))
            .join("  ")
            .trimEnd();
    return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join(
        "\n",
    );
}

/** Prints a progress line to stderr, so stdout holds only results. */
export function progress(message: string): void {
    process.stderr.write(`[bench] ${message}\n`);
}
