#!/usr/bin/env node
// gdpr-guard: the offline engine's command line.
import * as fs from "node:fs";
import * as path from "node:path";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { check, checkMany, DEFAULT_TIMEOUT_SECONDS, type CheckOptions } from "./check";
import { stopAll } from "./processes";
import { EXIT, UsageError, oneLine } from "./errors";
import { renderJson, renderJsonMany } from "./report/json";
import {
    VERDICT_EXIT,
    verdictOf,
    type CheckResult,
    type Format,
    type ManyResult,
} from "./report/model";
import { renderSarif, renderSarifMany } from "./report/sarif";
import { renderText, renderTextMany } from "./report/text";
import { writeFileAtomic } from "./snapshot";
import { VERSION } from "./version";

/** The `check` command's flags: {@link CheckOptions} without the callbacks, plus output settings. */
interface CheckFlags extends Omit<CheckOptions, "onPhase" | "onProgress" | "onLog" | "state"> {
    /** `--state FILE…`: export files and folders of them. */
    state?: string[];
    format: Format;
    output?: string;
    verbose?: boolean;
}

function artifactOf(flags: CheckFlags): string {
    if (flags.state) {
        return flags.state[0];
    }
    return (
        path.relative(process.cwd(), path.join(flags.program ?? ".", "Pulumi.yaml")) ||
        "Pulumi.yaml"
    );
}

function textOptions(toTerminal: boolean): { colour: boolean; width?: number } {
    return { colour: toTerminal && !process.env.NO_COLOR, width: process.stdout.columns };
}

function render(result: CheckResult, flags: CheckFlags, toTerminal: boolean): string {
    switch (flags.format) {
        case "json":
            return renderJson(result);
        case "sarif":
            return renderSarif(result, artifactOf(flags));
        default:
            return renderText(result, textOptions(toTerminal));
    }
}

function renderMany(many: ManyResult, flags: CheckFlags, toTerminal: boolean): string {
    switch (flags.format) {
        case "json":
            return renderJsonMany(many);
        case "sarif":
            return renderSarifMany(many);
        default:
            return renderTextMany(many, textOptions(toTerminal));
    }
}

function writeReport(text: string, flags: CheckFlags): void {
    if (flags.output) {
        writeFileAtomic(flags.output, text);
    } else {
        process.stdout.write(text);
    }
}

function onLog(flags: CheckFlags): (line: string) => void {
    return (line) => {
        if (flags.verbose || /^warning:/.test(line)) {
            process.stderr.write(`gdpr-guard: ${line}\n`);
        }
    };
}

/** Without a terminal, a progress line every this many stacks (for runs longer than that). */
export const PROGRESS_EVERY = 20;

/** A many-stack run: one section / report / SARIF run per export; exit code the worst of them. */
async function runMany(flags: CheckFlags, states: string[]): Promise<number> {
    const tty = process.stderr.isTTY === true;
    const started = Date.now();
    const many = await checkMany({
        ...flags,
        states,
        onPhase: tty ? (what) => process.stderr.write(`\r\x1b[2Kgdpr-guard: ${what}…`) : undefined,
        onStack: (done, total, entry) => {
            if (tty) {
                process.stderr.write("\r\x1b[2K");
            }
            if (entry.error) {
                process.stderr.write(`gdpr-guard: ${entry.error}\n`);
            }
            if (tty) {
                process.stderr.write(`gdpr-guard: ${done}/${total} stacks checked`);
            } else if (total > PROGRESS_EVERY && (done % PROGRESS_EVERY === 0 || done === total)) {
                const s = ((Date.now() - started) / 1000).toFixed(0);
                process.stderr.write(`gdpr-guard: ${done}/${total} stacks checked (${s} s)\n`);
            }
        },
        onLog: onLog(flags),
    });
    if (tty) {
        process.stderr.write("\r\x1b[2K");
    }
    writeReport(renderMany(many, flags, !flags.output && process.stdout.isTTY === true), flags);
    return Math.max(EXIT.ok, ...many.stacks.map((e) => VERDICT_EXIT[verdictOf(e)]));
}

/** One `--state` file stays a single-stack run (its report shape); more, or a folder, is many. */
function manyStates(state: string[] | undefined): string[] | undefined {
    if (!state || state.length === 0) {
        return undefined;
    }
    if (state.length > 1) {
        return state;
    }
    try {
        return fs.statSync(state[0]).isDirectory() ? state : undefined;
    } catch {
        return undefined;
    }
}

async function runCheck(flags: CheckFlags): Promise<number> {
    const states = manyStates(flags.state);
    if (states) {
        return runMany(flags, states);
    }
    const progress = process.stderr.isTTY;
    const result = await check({
        stack: flags.stack,
        program: flags.program,
        state: flags.state?.[0],
        policyConfig: flags.policyConfig,
        policyPack: flags.policyPack,
        preview: flags.preview,
        emitState: flags.emitState,
        mocks: flags.mocks,
        timeout: flags.timeout,
        onPhase: progress
            ? (what) => process.stderr.write(`\r\x1b[2Kgdpr-guard: ${what}…`)
            : undefined,
        onProgress: progress
            ? (done, total) => {
                  process.stderr.write(`\r\x1b[2Kgdpr-guard: analyzing ${done}/${total} resources`);
              }
            : undefined,
        onLog: onLog(flags),
    });
    if (progress) {
        process.stderr.write("\r\x1b[2K");
    }
    writeReport(render(result, flags, !flags.output && process.stdout.isTTY === true), flags);
    return result.report.summary.mandatory > 0 ? EXIT.mandatory : EXIT.ok;
}

function program(): Command {
    const cmd = new Command("gdpr-guard")
        .description(
            "GDPR data protection by design for Pulumi stacks: checks a stack against the gdpr-guard policy pack, offline.",
        )
        .version(VERSION)
        .exitOverride()
        .configureOutput({ writeErr: () => undefined, writeOut: (s) => process.stdout.write(s) });
    cmd.command("check")
        .description(
            "Check a stack (by running its program under mocks, or from a `pulumi stack export` file) against the policy pack.",
        )
        .option("--stack <name>", "the stack whose program and Pulumi.<stack>.yaml config to run")
        .option("--program <dir>", "the Pulumi project folder (default: the current folder)")
        .option(
            "--state <file...>",
            "check `pulumi stack export` files (or folders of *.json exports) instead of running a program; several are checked by one pack process, with a report per stack",
        )
        .option(
            "--policy-config <file>",
            "policy config, the same JSON as `pulumi preview --policy-pack-config`",
        )
        .option(
            "--policy-pack <dir>",
            "a policy pack folder (default: the pack bundled with gdpr-guard)",
        )
        .option("--preview", "leave computed outputs unknown, as `pulumi preview` does")
        .option(
            "--mocks <file>",
            "a module exporting `call` / `newResource` (as pulumi.runtime.setMocks takes them) that answers what gdpr-guard does not",
        )
        .addOption(
            new Option(
                "--timeout <seconds>",
                `stop and fail if the whole check takes longer (default ${DEFAULT_TIMEOUT_SECONDS})`,
            ).argParser((v) => {
                const n = Number(v);
                if (!Number.isFinite(n) || n <= 0) {
                    throw new InvalidArgumentError("it takes a number of seconds greater than 0.");
                }
                return n;
            }),
        )
        .addOption(
            new Option("--format <format>", "report format")
                .choices(["text", "json", "sarif"])
                .default("text"),
        )
        .option("--output <file>", "write the report to a file instead of stdout")
        .option(
            "--emit-state <file>",
            "also write the program's snapshot (deployment v3, `pulumi stack import` format)",
        )
        .option("--verbose", "print what the policy pack logs")
        .exitOverride()
        .configureOutput({ writeErr: () => undefined })
        .action(async (flags: CheckFlags) => {
            process.exitCode = await runCheck(flags);
        });
    return cmd;
}

export async function main(argv: string[]): Promise<number> {
    try {
        await program().parseAsync(argv, { from: "user" });
        return typeof process.exitCode === "number" ? process.exitCode : EXIT.ok;
    } catch (e) {
        if (process.stderr.isTTY) {
            process.stderr.write("\r\x1b[2K"); // clear a progress line before the error
        }
        if (e instanceof CommanderError) {
            if (
                e.code === "commander.helpDisplayed" ||
                e.code === "commander.version" ||
                e.code === "commander.help"
            ) {
                return EXIT.ok;
            }
            process.stderr.write(
                `gdpr-guard: ${oneLine(e.message.replace(/^error: /, ""))} (see \`gdpr-guard check --help\`)\n`,
            );
            return EXIT.unusable;
        }
        if (e instanceof UsageError) {
            process.stderr.write(`gdpr-guard: ${oneLine(e.message)}\n`);
            return EXIT.unusable;
        }
        const msg = e instanceof Error ? e.message : String(e);
        process.stderr.write(
            `gdpr-guard: internal error: ${oneLine(msg)} (please report this; run with NODE_DEBUG=gdpr-guard for details)\n`,
        );
        if (process.env.NODE_DEBUG?.includes("gdpr-guard") && e instanceof Error) {
            process.stderr.write(`${e.stack}\n`);
        }
        return EXIT.unusable;
    }
}

/**
 * Interrupted (Ctrl-C, SIGTERM from a CI job's time limit, SIGHUP): stop the pack and the program
 * runner, say so in one line, and exit as a shell expects (128 + the signal's number).
 */
function onSignal(signal: NodeJS.Signals, code: number): void {
    process.once(signal, () => {
        stopAll();
        if (process.stderr.isTTY) {
            process.stderr.write("\r\x1b[2K");
        }
        process.stderr.write(`gdpr-guard: interrupted by ${signal}; the check was stopped.\n`);
        process.exit(code);
    });
}

if (require.main === module) {
    onSignal("SIGINT", 130);
    onSignal("SIGTERM", 143);
    onSignal("SIGHUP", 129);
    process.on("exit", stopAll);
    // main() settles every failure itself (one line, exit 2); it never rejects.
    void main(process.argv.slice(2)).then((code) => {
        process.exitCode = code;
    });
}
