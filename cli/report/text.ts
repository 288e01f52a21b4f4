// The human report: one block per violation (level, rule, resource, message), then the summary.
import { parseUrn } from "../snapshot";
import { buildManyReport, type CheckResult, type ManyResult } from "./model";

const COLOURS = {
    red: "\x1b[31m",
    yellow: "\x1b[33m",
    green: "\x1b[32m",
    dim: "\x1b[2m",
    bold: "\x1b[1m",
    reset: "\x1b[0m",
};

function paint(on: boolean, colour: keyof typeof COLOURS, s: string): string {
    return on ? `${COLOURS[colour]}${s}${COLOURS.reset}` : s;
}

function wrap(text: string, width: number): string[] {
    const lines: string[] = [];
    let line = "";
    for (const word of text.split(/\s+/)) {
        if (line && line.length + 1 + word.length > width) {
            lines.push(line);
            line = word;
        } else {
            line = line ? `${line} ${word}` : word;
        }
    }
    if (line) {
        lines.push(line);
    }
    return lines.length > 0 ? lines : [""];
}

/** The human report: one block per violation (level, rule, resource, message), then a summary line. */
export function renderText(
    result: CheckResult,
    opts: { colour: boolean; width?: number; file?: string },
): string {
    const { report } = result;
    const width = Math.max(60, Math.min(opts.width ?? 100, 140));
    const out: string[] = [];
    out.push(
        paint(
            opts.colour,
            "bold",
            `gdpr-guard: stack "${report.stack}"${opts.file ? ` (${opts.file})` : ""} checked by ${report.pack.name} ${report.pack.version}`,
        ),
    );
    out.push("");
    if (report.violations.length > 0) {
        const levelWidth = 9;
        out.push(
            paint(opts.colour, "dim", `${"LEVEL".padEnd(levelWidth)}  RULE / RESOURCE / MESSAGE`),
        );
        for (const v of report.violations) {
            const level = v.level.padEnd(levelWidth);
            out.push(
                `${paint(opts.colour, v.level === "mandatory" ? "red" : "yellow", level)}  ${paint(opts.colour, "bold", v.policy)}`,
            );
            const where = result.positions.get(v.urn);
            out.push(
                `${" ".repeat(levelWidth)}  ${v.type} "${v.name}"${where ? paint(opts.colour, "dim", `  (${where.replace(/^project:\/\/\//, "").replace(/#(\d+),\d+$/, ":$1")})`) : ""}`,
            );
            for (const line of wrap(v.message, width - levelWidth - 2)) {
                out.push(`${" ".repeat(levelWidth)}  ${line}`);
            }
            out.push("");
        }
    }
    for (const r of result.remediations) {
        out.push(
            `${paint(opts.colour, "green", "remediate".padEnd(9))}  ${r.policy} would change ${r.changed.map((k) => `\`${k}\``).join(", ") || "nothing"} of ${r.urn}`,
        );
    }
    if (result.remediations.length > 0) {
        out.push("");
    }
    for (const u of report.unanalyzed) {
        out.push(
            `${paint(opts.colour, "yellow", "unseen".padEnd(9))}  ${u.type} "${parseUrn(u.urn).name}"`,
        );
        for (const line of wrap(`Not analysed: ${u.reason}`, width - 11)) {
            out.push(`${" ".repeat(9)}  ${line}`);
        }
        out.push("");
    }
    if (report.unansweredInvokes.length > 0) {
        const list = report.unansweredInvokes.map((i) => `${i.token} (${i.calls})`).join(", ");
        for (const line of wrap(
            `Not answered offline, left unknown: ${list}. Answer them with --mocks FILE.`,
            width,
        )) {
            out.push(paint(opts.colour, "dim", line));
        }
        out.push("");
    }
    const s = report.summary;
    const unseen =
        s.unanalyzed > 0
            ? `, but ${s.unanalyzed} component${s.unanalyzed === 1 ? " was" : "s were"} not analysed`
            : "";
    const verdict =
        s.mandatory > 0
            ? paint(
                  opts.colour,
                  "red",
                  `REJECTED: ${s.mandatory} mandatory violation${s.mandatory === 1 ? "" : "s"}`,
              )
            : paint(
                  opts.colour,
                  s.unanalyzed > 0 ? "yellow" : "green",
                  `PASSED${unseen}: no mandatory violations`,
              );
    out.push(
        `${verdict}, ${s.advisory} advisory, ${s.resources} resources checked, ${s.notApplicable} not applicable${s.mandatory > 0 ? unseen : ""}.`,
    );
    for (const [tag, a] of Object.entries(report.articles)) {
        const label = `GDPR Art. ${tag.replace(/^gdpr-art-/, "")}`;
        out.push(
            paint(
                opts.colour,
                "dim",
                `${label}: ${a.mandatory} mandatory, ${a.advisory} advisory (${a.rules} rules)`,
            ),
        );
    }
    return out.join("\n") + "\n";
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The human report of a many-stack run: each stack's report as a section of its own (an export
 * that could not be checked as one line saying why), then a summary: a line per stack and the
 * overall verdict, which is the worst of them.
 */
export function renderTextMany(
    many: ManyResult,
    opts: { colour: boolean; width?: number },
): string {
    const doc = buildManyReport(many);
    const out: string[] = [];
    for (const e of many.stacks) {
        out.push(
            e.result
                ? renderText(e.result, { ...opts, file: e.file })
                : `${paint(opts.colour, "bold", `gdpr-guard: "${e.file}" could not be checked`)}\n\n${paint(opts.colour, "red", "ERROR")}: ${e.error}\n`,
        );
    }
    const pack = doc.pack ? ` by ${doc.pack.name} ${doc.pack.version}` : "";
    out.push(
        paint(
            opts.colour,
            "bold",
            `gdpr-guard: summary of ${plural(doc.stacks.length, "stack")} checked${pack}`,
        ),
    );
    out.push("");
    const colour = { passed: "green", rejected: "red", error: "red" } as const;
    const rows = doc.stacks.map((s) => [
        s.verdict.toUpperCase(),
        s.verdict === "error" ? "-" : `"${s.report.stack}"`,
        s.file,
        s.verdict === "error"
            ? "could not be checked"
            : `${s.report.summary.mandatory} mandatory, ${s.report.summary.advisory} advisory, ${plural(s.report.summary.resources, "resource")}`,
    ]);
    const widths = [8, ...[1, 2].map((i) => Math.max(...rows.map((r) => r[i].length)))];
    doc.stacks.forEach((s, i) => {
        const [verdict, stack, file, counts] = rows[i];
        out.push(
            `${paint(opts.colour, colour[s.verdict], verdict.padEnd(widths[0]))}  ${stack.padEnd(widths[1])}  ${file.padEnd(widths[2])}  ${counts}`,
        );
    });
    out.push("");
    const t = doc.summary;
    const worst = t.errors > 0 ? "ERROR" : t.rejected > 0 ? "REJECTED" : "PASSED";
    out.push(
        `${paint(opts.colour, worst === "PASSED" ? "green" : "red", worst)}: ${t.rejected} rejected, ${t.passed} passed, ${t.errors} could not be checked; ` +
            `${plural(t.mandatory, "mandatory violation")}, ${t.advisory} advisory, ${plural(t.resources, "resource")} checked, ${t.notApplicable} not applicable` +
            `${t.unanalyzed > 0 ? `, ${plural(t.unanalyzed, "component")} not analysed` : ""}.`,
    );
    return out.join("\n") + "\n";
}
