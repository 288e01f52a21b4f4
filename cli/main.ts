#!/usr/bin/env node
// gdpr-guard: the offline engine's command line.
import * as path from "node:path";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { check, DEFAULT_TIMEOUT_SECONDS, type CheckOptions } from "./check";
import { stopAll } from "./processes";
import { EXIT, UsageError, oneLine } from "./errors";
import { renderJson } from "./report/json";
import type { CheckResult, Format } from "./report/model";
import { renderSarif } from "./report/sarif";
import { renderText } from "./report/text";
import { writeFileAtomic } from "./snapshot";
import { VERSION } from "./version";

/** The `check` command's flags: {@link CheckOptions} without the callbacks, plus output settings. */
interface CheckFlags extends Omit<CheckOptions, "onPhase" | "onProgress" | "onLog"> {
    format: Format;
    output?: string;
    verbose?: boolean;
}

function artifactOf(flags: CheckFlags): string {
    if (flags.state) {
        return flags.state;
    }
    return (
        path.relative(process.cwd(), path.join(flags.program ?? ".", "Pulumi.yaml")) ||
        "Pulumi.yaml"
    );
}

function render(result: CheckResult, flags: CheckFlags, toTerminal: boolean): string {
    switch (flags.format) {
        case "json":
            return renderJson(result);
        case "sarif":
            return renderSarif(result, artifactOf(flags));
        default:
            return renderText(result, {
                colour: toTerminal && !process.env.NO_COLOR,
                width: process.stdout.columns,
            });
    }
}

async function runCheck(flags: CheckFlags): Promise<number> {
    const progress = process.stderr.isTTY;
    const result = await check({
        stack: flags.stack,
        program: flags.program,
        state: flags.state,
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
        onLog: (line) => {
            if (flags.verbose || /^warning:/.test(line)) {
                process.stderr.write(`gdpr-guard: ${line}\n`);
            }
        },
    });
    if (progress) {
        process.stderr.write("\r\x1b[2K");
    }
    const text = render(result, flags, !flags.output && process.stdout.isTTY === true);
    if (flags.output) {
        writeFileAtomic(flags.output, text);
    } else {
        process.stdout.write(text);
    }
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
        .option("--state <file>", "check a `pulumi stack export` file instead of running a program")
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
