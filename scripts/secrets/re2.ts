// RE2 (Go regexp) → JavaScript RegExp source, for gitleaks' rules. What differs and how it is
// translated:
//   - inline flags: `(?i)` for the whole pattern becomes the JS `i` flag; `(?i)` mid-group,
//     `(?i:…)`, `(?-i:…)` and `(?s:…)` (Node 20 has no regexp modifiers) are applied by rewriting
//     what they cover: letters case-expanded (`a` → `[aA]`, `[a-f]` → `[a-fA-F]`), `.` → `[\s\S]`;
//   - `\z` → `$` and `\A` → `^` (JS without the `m` flag anchors to the whole input, as RE2 does);
//   - POSIX classes `[[:alnum:]]` → `[A-Za-z0-9]`, and the other ASCII ones;
//   - `(?P<name>…)` → `(?<name>…)`.
// Anything else RE2-only (`\p{…}`, `\Q…\E`, `\x{…}`, other flags) throws: the caller lists the
// rule as skipped with the reason.

const POSIX: Record<string, string> = {
    alnum: "A-Za-z0-9",
    alpha: "A-Za-z",
    digit: "0-9",
    lower: "a-z",
    upper: "A-Z",
    space: "\\t\\n\\v\\f\\r ",
    xdigit: "0-9A-Fa-f",
    word: "\\w",
    punct: "!-\\/:-@\\[-`{-~",
};

interface Flags {
    i: boolean;
    s: boolean;
}

export interface Translated {
    source: string;
    flags: string;
}

function isLetter(c: string): boolean {
    return /^[A-Za-z]$/.test(c);
}

function applyFlags(flags: Flags, spec: string): Flags {
    const out = { ...flags };
    let on = true;
    for (const c of spec) {
        if (c === "-") {
            on = false;
        } else if (c === "i" || c === "s") {
            out[c] = on;
        } else {
            throw new Error(`unsupported inline flag "${c}"`);
        }
    }
    return out;
}

/** A character class body (between `[` / `[^` and `]`) with POSIX classes expanded and, under `i`, letters case-folded. */
function translateClass(body: string, ci: boolean): string {
    const items: Array<{ lo: string; hi: string } | string> = [];
    let i = 0;
    const one = (): string => {
        if (body[i] === "\\") {
            const esc = body.slice(i, i + 2);
            if (esc === "\\x" && body[i + 2] === "{") {
                throw new Error("\\x{…} escape");
            }
            if (/^\\[pPQE]$/.test(esc)) {
                throw new Error(`${esc} escape`);
            }
            const hex = /^\\x[0-9A-Fa-f]{2}/.exec(body.slice(i));
            if (hex) {
                i += 4;
                return String.fromCharCode(parseInt(hex[0].slice(2), 16));
            }
            i += 2;
            return esc;
        }
        return body[i++];
    };
    while (i < body.length) {
        const posix = /^\[:(\^?)([a-z]+):\]/.exec(body.slice(i));
        if (posix) {
            if (posix[1] === "^" || !(posix[2] in POSIX)) {
                throw new Error(`POSIX class ${posix[0]}`);
            }
            items.push(POSIX[posix[2]]);
            i += posix[0].length;
            continue;
        }
        const lo = one();
        if (body[i] === "-" && i + 1 < body.length) {
            i++;
            const hi = one();
            items.push({ lo, hi });
        } else {
            items.push(lo);
        }
    }
    const lit = (c: string): string =>
        c.length > 1 ? c : /[\]\\^-]/.test(c) ? `\\${c}` : c < " " || c > "~" ? hexEsc(c) : c;
    const parts: string[] = [];
    for (const it of items) {
        if (typeof it === "string") {
            parts.push(it.length === 1 ? lit(it) : it);
            if (ci && it.length === 1 && isLetter(it)) {
                parts.push(swapCase(it));
            }
            continue;
        }
        parts.push(`${lit(it.lo)}-${lit(it.hi)}`);
        if (ci && it.lo.length === 1 && it.hi.length === 1) {
            for (const [a, b, delta] of [
                ["a", "z", -32],
                ["A", "Z", 32],
            ] as const) {
                const lo = Math.max(it.lo.charCodeAt(0), a.charCodeAt(0));
                const hi = Math.min(it.hi.charCodeAt(0), b.charCodeAt(0));
                if (lo <= hi) {
                    parts.push(
                        `${String.fromCharCode(lo + delta)}-${String.fromCharCode(hi + delta)}`,
                    );
                }
            }
        }
    }
    return parts.join("");
}

function hexEsc(c: string): string {
    return `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`;
}

function swapCase(c: string): string {
    return c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase();
}

/** Translates one RE2 pattern; throws with a reason when it cannot be translated faithfully. */
export function re2ToJs(re2: string): Translated {
    let src = re2;
    let flags = "";
    // `(?i)` over the whole pattern, and no group inside turning it off: the JS `i` flag says it best.
    const lead = /^\(\?([is]+)\)/.exec(src);
    if (lead && !/\(\?[a-z]*-/.test(src)) {
        flags = [...new Set(lead[1])].sort().join("");
        src = src.slice(lead[0].length);
        if (flags.includes("s")) {
            throw new Error("(?s) over the whole pattern");
        }
    }
    // Under the JS `i` flag, letters need no expansion: the translator works case-sensitively.
    const stack: Flags[] = [];
    let cur: Flags = { i: false, s: false };
    let out = "";
    let i = 0;
    while (i < src.length) {
        const c = src[i];
        if (c === "\\") {
            const esc = src.slice(i, i + 2);
            if (esc === "\\z") {
                out += "$";
            } else if (esc === "\\A") {
                out += "^";
            } else if (/^\\[pPQECX]$/.test(esc) || (esc === "\\x" && src[i + 2] === "{")) {
                throw new Error(`${esc} escape`);
            } else {
                out += esc;
            }
            i += 2;
            continue;
        }
        if (c === "[") {
            let j = i + 1;
            let negate = "";
            if (src[j] === "^") {
                negate = "^";
                j++;
            }
            const start = j;
            if (src[j] === "]") {
                j++;
            }
            while (j < src.length && src[j] !== "]") {
                if (src[j] === "\\") {
                    j += 2;
                } else if (src.startsWith("[:", j)) {
                    const end = src.indexOf(":]", j + 2);
                    if (end < 0) {
                        throw new Error("unterminated POSIX class");
                    }
                    j = end + 2;
                } else {
                    j++;
                }
            }
            if (j >= src.length) {
                throw new Error("unterminated character class");
            }
            out += `[${negate}${translateClass(src.slice(start, j), cur.i)}]`;
            i = j + 1;
            continue;
        }
        if (c === "(") {
            const flagOnly = /^\(\?([A-Za-z-]+)\)/.exec(src.slice(i));
            if (flagOnly) {
                // Sets flags until the end of the current group.
                cur = applyFlags(cur, flagOnly[1]);
                i += flagOnly[0].length;
                continue;
            }
            const flagGroup = /^\(\?([A-Za-z-]+):/.exec(src.slice(i));
            stack.push(cur);
            if (flagGroup) {
                cur = applyFlags(cur, flagGroup[1]);
                out += "(?:";
                i += flagGroup[0].length;
                continue;
            }
            const named = /^\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(src.slice(i));
            if (named) {
                out += `(?<${named[1]}>`;
                i += named[0].length;
                continue;
            }
            if (src.startsWith("(?:", i)) {
                out += "(?:";
                i += 3;
                continue;
            }
            if (src[i + 1] === "?") {
                throw new Error(`group syntax ${src.slice(i, i + 4)}`);
            }
            out += "(";
            i++;
            continue;
        }
        if (c === ")") {
            const popped = stack.pop();
            if (!popped) {
                throw new Error("unbalanced )");
            }
            cur = popped;
            out += ")";
            i++;
            continue;
        }
        if (c === "." && cur.s) {
            out += "[\\s\\S]";
            i++;
            continue;
        }
        if (cur.i && isLetter(c)) {
            out += `[${c.toLowerCase()}${c.toUpperCase()}]`;
            i++;
            continue;
        }
        if (c === "{" && /^\{\d*(?:,\d*)?\}/.test(src.slice(i))) {
            const q = /^\{\d*(?:,\d*)?\}/.exec(src.slice(i))![0];
            out += q;
            i += q.length;
            continue;
        }
        out += c;
        i++;
    }
    if (stack.length > 0) {
        throw new Error("unbalanced (");
    }
    // Possessive quantifiers are not RE2 either; a `{n,m}+`, `*+` left in the output would mean
    // something else in JS, so refuse them.
    if (/(?<!\\)[*+?}]\+/.test(out.replace(/\\./g, "__").replace(/\[[^\]]*\]/g, "_"))) {
        throw new Error("possessive quantifier");
    }
    new RegExp(out, flags); // throws on anything JS cannot compile
    return { source: out, flags };
}

/**
 * The index just after the character class that starts at `source[i]` (`[`): a class ends at the
 * first `]` that is neither its first character nor escaped nor a POSIX class's (`[[:alnum:]]`).
 */
function classEnd(source: string, i: number): number {
    let j = i + 1;
    if (source[j] === "^") {
        j++;
    }
    if (source[j] === "]") {
        j++;
    }
    while (j < source.length && source[j] !== "]") {
        if (source[j] === "\\") {
            j += 2;
        } else if (source.startsWith("[:", j) && source.indexOf(":]", j + 2) >= 0) {
            j = source.indexOf(":]", j + 2) + 2;
        } else {
            j++;
        }
    }
    if (j >= source.length) {
        throw new Error("unterminated character class");
    }
    return j + 1;
}

/**
 * The indices of a regex source's characters that are syntax: every character outside an escape
 * (`\(`) and outside a character class (`[()|]`), in order. Throws on an unterminated class.
 */
export function* syntaxIndices(source: string): Generator<number> {
    for (let i = 0; i < source.length; i++) {
        if (source[i] === "\\") {
            i++;
        } else if (source[i] === "[") {
            i = classEnd(source, i) - 1;
        } else {
            yield i;
        }
    }
}

/** Where a group's body sits in a regex source: `source.slice(start, end)`, between `(…` and `)`. */
export interface GroupSpan {
    /** Index of the group's `(`. */
    open: number;
    /** First index of the body (after `(`, `(?<name>`). */
    start: number;
    /** Index of the group's closing `)`. */
    end: number;
}

/**
 * The `n`th capturing group (1-based, counted by its `(` as JavaScript and RE2 do) of a regex
 * source, JavaScript or RE2: escapes and character classes are skipped, `(?:…)`, `(?i:…)`,
 * `(?=…)`, `(?!…)`, `(?<=…)`, `(?<!…)` and flag groups do not count, `(?<name>…)`/`(?P<name>…)`
 * do. Undefined when there is no such group; throws on unbalanced parentheses.
 */
export function captureGroup(source: string, n: number): GroupSpan | undefined {
    const open: Array<{ open: number; start: number; capturing: number }> = [];
    let count = 0;
    // A group's head (`(?<name>`, `(?:`) holds no `(`, `)` or `[`, so it is read through as is.
    for (const i of syntaxIndices(source)) {
        if (source[i] === "(") {
            const named = /^\(\?P?<[A-Za-z_][A-Za-z0-9_]*>/.exec(source.slice(i));
            if (named) {
                open.push({ open: i, start: i + named[0].length, capturing: ++count });
            } else if (source[i + 1] === "?") {
                open.push({ open: i, start: i + 2, capturing: 0 });
            } else {
                open.push({ open: i, start: i + 1, capturing: ++count });
            }
        } else if (source[i] === ")") {
            const g = open.pop();
            if (!g) {
                throw new Error("unbalanced )");
            }
            if (g.capturing === n) {
                return { open: g.open, start: g.start, end: i };
            }
        }
    }
    if (open.length > 0) {
        throw new Error("unbalanced (");
    }
    return undefined;
}
