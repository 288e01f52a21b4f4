// Measures the secrets rules on labelled values the project did not write: Samsung CredSweeper's
// test data (MIT). Its `tests/data/output.json` lists what CredSweeper reports on its own
// `tests/samples` after its filters and ML model (the positives); `no_filters_no_ml.json` and
// `depth_3_pedantic.json` list every candidate its rules match before them — those CredSweeper
// rejects are the negatives (look-alikes a regex matches: placeholders, prose, code, hashes).
//
//     git clone https://github.com/Samsung/CredSweeper /tmp/credsweeper   # or any checkout of it
//     npx ts-node scripts/secrets/measure.ts /tmp/credsweeper [--split tune|held-out|all] [--why]
//
// Against another scanner: `--write-samples DIR` writes every sample under the neutral name as a
// dotenv file; run the scanner on DIR with a JSON report (gitleaks `--report-format json`,
// betterleaks `-o report.json`), then `--against report.json` sets its vendor rules' findings
// beside ours and both together, with what it adds by rule id.
//
// Each value is placed the way users hit the rules — a Deployment env value, a ConfigMap entry, a
// Lambda environment variable — once under a neutral name (SETTING_VALUE) and once under the name
// the format implies (the variable CredSweeper saw, else its rule's name: HEROKU_API_KEY), and run
// through the real rules with the test harness. Reported: recall, false-alarm rate and precision of
// the mandatory rules and of the advisory one (the Deployment's high-entropy rule). `--why` lists
// misses and false alarms by CredSweeper rule and variable name — never a value. Nothing fetched is
// committed: the data is read from the path given.
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { disallowSecretEnvironment } from "../../policypack/policies/secrets/aws/lambda/disallowSecretEnvironment";
import { disallowEnvSecrets } from "../../policypack/policies/secrets/kubernetes/core/disallowEnvSecrets";
import { disallowHighEntropyEnv } from "../../policypack/policies/secrets/kubernetes/core/disallowHighEntropyEnv";
import { disallowSecretData } from "../../policypack/policies/secrets/kubernetes/core/disallowSecretData";
import { checkResource } from "../../test/policypack/harness";

export interface Sample {
    value: string;
    secret: boolean;
    /** CredSweeper's rule name, e.g. "Heroku API Key". */
    rule: string;
    /** The name the format implies. */
    name: string;
    /** Which half: "tune" (iterated on) or "held-out" (measured once). */
    split: "tune" | "held-out";
}

interface Report {
    line_data_list: Array<{ value: string; variable: string | null }>;
    rule: string;
}

const NEUTRAL = "SETTING_VALUE";

function impliedName(rule: string, variable: string | null): string {
    if (variable && /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/.test(variable)) {
        return variable;
    }
    return rule
        .toUpperCase()
        .replace(/[^A-Z0-9]+/g, "_")
        .replace(/^_|_$/g, "");
}

/** The labelled values of a CredSweeper checkout, one per distinct value. */
export function loadCredSweeper(dir: string): Sample[] {
    const read = (f: string): Report[] =>
        JSON.parse(fs.readFileSync(path.join(dir, "tests", "data", f), "utf8")) as Report[];
    const byValue = new Map<string, Sample>();
    const add = (reports: Report[], secret: boolean) => {
        for (const r of reports) {
            // A PEM key is reported line by line: the key is all of them, as a multi-line value.
            const lines = r.rule.includes("PEM")
                ? [{ value: r.line_data_list.map((l) => l.value).join("\n"), variable: null }]
                : r.line_data_list;
            for (const l of lines) {
                if (typeof l.value !== "string" || l.value === "" || byValue.has(l.value)) {
                    continue;
                }
                const split =
                    createHash("sha256").update(l.value).digest()[0] % 2 === 0
                        ? "tune"
                        : "held-out";
                byValue.set(l.value, {
                    value: l.value,
                    secret,
                    rule: r.rule,
                    name: impliedName(r.rule, l.variable),
                    split,
                });
            }
        }
    };
    add(read("output.json"), true);
    add(read("no_filters_no_ml.json"), false);
    add(read("depth_3_pedantic.json"), false);
    return [...byValue.values()];
}

type Placement = "deployment env" | "configmap data" | "lambda env";
const PLACEMENTS: Placement[] = ["deployment env", "configmap data", "lambda env"];

/** Whether the mandatory rule of a placement, and the advisory one (env only), report the value. */
export async function verdicts(
    placement: Placement,
    name: string,
    value: string,
): Promise<{ mandatory: boolean; advisory: boolean }> {
    if (placement === "deployment env") {
        const props = {
            metadata: { name: "crm-sync", namespace: "crm" },
            spec: {
                template: {
                    spec: {
                        containers: [
                            {
                                name: "app",
                                image: "registry.example.com/app:1.0.0",
                                env: [{ name, value }],
                            },
                        ],
                    },
                },
            },
        };
        const input = { type: "kubernetes:apps/v1:Deployment", name: "crm-sync", props };
        const [m, a] = await Promise.all([
            checkResource(disallowEnvSecrets, input),
            checkResource(disallowHighEntropyEnv, input),
        ]);
        return { mandatory: m.violations.length > 0, advisory: a.violations.length > 0 };
    }
    if (placement === "configmap data") {
        const out = await checkResource(disallowSecretData, {
            type: "kubernetes:core/v1:ConfigMap",
            name: "crm-config",
            props: { metadata: { name: "crm-config" }, data: { [name]: value } },
        });
        return { mandatory: out.violations.length > 0, advisory: false };
    }
    const out = await checkResource(disallowSecretEnvironment, {
        type: "aws:lambda/function:Function",
        name: "crm-webhook",
        props: { runtime: "nodejs20.x", environment: { variables: { [name]: value } } },
    });
    return { mandatory: out.violations.length > 0, advisory: false };
}

interface Counts {
    tp: number;
    fn: number;
    fp: number;
    tn: number;
}

const counts = (): Counts => ({ tp: 0, fn: 0, fp: 0, tn: 0 });

function count(c: Counts, secret: boolean, hit: boolean): void {
    if (secret) {
        c[hit ? "tp" : "fn"]++;
    } else {
        c[hit ? "fp" : "tn"]++;
    }
}

const fmt = (n: number, d: number) => (d === 0 ? "—" : `${(n / d).toFixed(3)} (${n}/${d})`);

function row(cells: string[], c: Counts): string {
    return `| ${cells.join(" | ")} | ${fmt(c.tp, c.tp + c.fn)} | ${fmt(c.fp, c.fp + c.tn)} | ${fmt(c.tp, c.tp + c.fp)} |\n`;
}

/**
 * CredSweeper's rules that find a secret by the name it sits under (`password = …`), not by its
 * format: under a neutral name nothing can tell such a value from a setting, so their secrets
 * count only under the telling name ("name-bound").
 */
const NAME_BOUND =
    /^(?:Password|Key|Token|Secret|Auth|Credential|API|Salt|Nonce|UUID|SQL Password|CMD .*|CURL .*|URL Credentials)$/;

/**
 * Writes each sample as it would sit in a dotenv file under the neutral name (`NNNN.env`, a
 * multi-line value as it is), so that another scanner can be run on the same values.
 */
function writeSamples(samples: Sample[], dir: string): void {
    fs.mkdirSync(dir, { recursive: true });
    samples.forEach((s, i) => {
        const text = s.value.includes("\n") ? s.value : `${NEUTRAL}=${s.value}`;
        fs.writeFileSync(path.join(dir, `${String(i).padStart(4, "0")}.env`), `${text}\n`);
    });
}

/**
 * Which samples (by index) a gitleaks or betterleaks JSON report over `writeSamples`' files
 * found, with the rule ids that fired; generic rules (`generic-api-key`) are left out, as they are
 * advisory here.
 */
function readReport(file: string): Map<number, Set<string>> {
    const raw = JSON.parse(fs.readFileSync(file, "utf8")) as unknown;
    type Finding = {
        RuleID?: string;
        File?: string;
        rule_id?: string;
        location?: { path?: string };
    };
    const findings = (
        Array.isArray(raw) ? raw : ((raw as { findings?: unknown[] }).findings ?? [])
    ) as Finding[];
    const hits = new Map<number, Set<string>>();
    for (const f of findings) {
        const rule = f.RuleID ?? f.rule_id ?? "";
        const at = /(\d{4})\.env$/.exec(f.File ?? f.location?.path ?? "");
        if (!at || rule.startsWith("generic")) {
            continue;
        }
        const i = Number(at[1]);
        hits.set(i, (hits.get(i) ?? new Set()).add(rule));
    }
    return hits;
}

/** Ours, the other scanner's vendor rules, and both, under the neutral name (Deployment env). */
async function compare(samples: Sample[], report: string): Promise<void> {
    const theirs = readReport(report);
    const c = { ours: counts(), theirs: counts(), both: counts() };
    const added = new Map<string, number>();
    for (const [i, s] of samples.entries()) {
        if (s.secret && NAME_BOUND.test(s.rule)) {
            continue;
        }
        const ours = (await verdicts("deployment env", NEUTRAL, s.value)).mandatory;
        const other = theirs.has(i);
        count(c.ours, s.secret, ours);
        count(c.theirs, s.secret, other);
        count(c.both, s.secret, ours || other);
        if (other && !ours) {
            for (const rule of theirs.get(i)!) {
                const k = `${s.secret ? "secret" : "look-alike"}\t${rule}`;
                added.set(k, (added.get(k) ?? 0) + 1);
            }
        }
    }
    process.stdout.write(
        "| neutral name, format secrets | recall | false alarms | precision |\n| --- | --- | --- | --- |\n",
    );
    for (const k of ["ours", "theirs", "both"] as const) {
        process.stdout.write(row([k], c[k]));
    }
    process.stdout.write("\nwhat the other scanner adds, by its rule:\n");
    for (const [k, n] of [...added].sort()) {
        process.stdout.write(`${n}\t${k}\n`);
    }
}

async function main(argv: string[]): Promise<number> {
    const dir = argv[0];
    if (dir === undefined || !fs.existsSync(path.join(dir, "tests", "data", "output.json"))) {
        process.stderr.write(
            "usage: ts-node scripts/secrets/measure.ts <CredSweeper checkout> [--split tune|held-out|all] [--why]\n" +
                "       [--write-samples DIR | --against REPORT.json]\n",
        );
        return 2;
    }
    const option = (name: string) =>
        argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined;
    const split = option("--split") ?? "all";
    const why = argv.includes("--why");
    const samples = loadCredSweeper(dir).filter((s) => split === "all" || s.split === split);
    const write = option("--write-samples");
    if (write !== undefined) {
        writeSamples(samples, write);
        process.stdout.write(`${samples.length} samples written to ${write}\n`);
        return 0;
    }
    const against = option("--against");
    if (against !== undefined) {
        await compare(samples, against);
        return 0;
    }
    const pos = samples.filter((s) => s.secret);
    const formatPos = pos.filter((s) => !NAME_BOUND.test(s.rule)).length;
    process.stdout.write(
        `CredSweeper samples (${split}): ${pos.length} secrets (${formatPos} with a format of their own, ` +
            `${pos.length - formatPos} name-bound), ${samples.length - pos.length} look-alikes\n\n`,
    );
    process.stdout.write(
        "| placement | name | secrets counted | layer | recall | false alarms | precision |\n| --- | --- | --- | --- | --- | --- | --- |\n",
    );
    const notes = new Map<string, number>();
    for (const placement of PLACEMENTS) {
        for (const naming of ["neutral", "telling"] as const) {
            const all = { mandatory: counts(), advisory: counts() };
            const format = { mandatory: counts(), advisory: counts() };
            for (const s of samples) {
                const name = naming === "neutral" ? NEUTRAL : s.name;
                const v = await verdicts(placement, name, s.value);
                const sets = s.secret && NAME_BOUND.test(s.rule) ? [all] : [all, format];
                for (const c of sets) {
                    count(c.mandatory, s.secret, v.mandatory);
                    count(c.advisory, s.secret, v.advisory);
                }
                if (why && placement === "deployment env" && v.mandatory !== s.secret) {
                    const k = `${naming}\t${s.secret ? "miss" : "false alarm"}\t${s.rule} (${name})`;
                    notes.set(k, (notes.get(k) ?? 0) + 1);
                }
            }
            const layers =
                placement === "deployment env"
                    ? (["mandatory", "advisory"] as const)
                    : (["mandatory"] as const);
            for (const layer of layers) {
                process.stdout.write(row([placement, naming, "all", layer], all[layer]));
                process.stdout.write(row([placement, naming, "format", layer], format[layer]));
            }
        }
    }
    if (why) {
        process.stdout.write("\n");
        for (const [k, n] of [...notes].sort()) {
            process.stdout.write(`${n}\t${k}\n`);
        }
    }
    return 0;
}

if (require.main === module) {
    void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
