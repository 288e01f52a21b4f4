// `gdpr-guard check` as a user runs it: the built CLI in a child process, its exit code, stdout and
// stderr. Needs `npm run build` (the test script runs it first).
import * as assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { assertReport } from "../reportContract";
import { CLI, ROOT, gdprGuard, gdprGuardAsync, type Run } from "./cli";

function assertOneLineError(r: Run, pattern: RegExp): void {
    assert.equal(r.status, 2, `exit code (stderr: ${r.stderr})`);
    assert.equal(r.stdout, "");
    const lines = r.stderr.trimEnd().split("\n");
    assert.equal(lines.length, 1, `one line on stderr, got:\n${r.stderr}`);
    assert.match(lines[0], /^gdpr-guard: /);
    assert.match(lines[0], pattern);
    assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
}

const SEEDS = [
    ["aws-lb-listener-disallow-plaintext-http", "transport"],
    ["aws-iam-accesskey-disallow-long-lived-keys", "secrets"],
    ["aws-iam-policy-disallow-wildcard-actions", "least-privilege"],
    ["aws-sqs-queue-enable-kms-encryption", "encryption"],
    ["aws-ec2-securitygroup-disallow-public-ingress", "exposure"],
    ["kubernetes-batch-cronjob-enforce-forbid-concurrency", "recoverability"],
    ["pulumi-stack-resource-enforce-ownership-labels", "audit"],
] as const;

describe("gdpr-guard check (end to end)", function () {
    this.timeout(180_000);
    let tmp: string;
    let legacy: Run;
    let legacyText: Run;
    let legacySarif: Run;
    let legacyReport: any;

    before(async () => {
        assert.ok(fs.existsSync(CLI), "dist/cli/main.js exists: run `npm run build` first");
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "gdpr-guard-e2e-"));
        // The legacy stack in each format, once, side by side.
        [legacy, legacyText, legacySarif] = await Promise.all([
            gdprGuardAsync([
                "check",
                "--stack",
                "legacy-sync",
                "--format",
                "json",
                "--emit-state",
                path.join(tmp, "legacy.json"),
            ]),
            gdprGuardAsync(["check", "--stack", "legacy-sync"]),
            gdprGuardAsync([
                "check",
                "--stack",
                "legacy-sync",
                "--format",
                "sarif",
                "--output",
                path.join(tmp, "report.sarif"),
            ]),
        ]);
        legacyReport = JSON.parse(legacy.stdout);
    });

    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it("rejects legacy-sync with exit 1 and a violation from every family", () => {
        assert.equal(legacy.status, 1, legacy.stderr);
        assert.deepEqual(legacyReport.pack, { name: "gdpr-guard", version: "0.1.0" });
        assert.equal(legacyReport.stack, "legacy-sync");
        for (const [policy, family] of SEEDS) {
            const v = legacyReport.violations.find((x: any) => x.policy === policy);
            assert.ok(v, `${policy} reports on legacy-sync`);
            assert.equal(v.tags[0], family);
            assert.ok(v.tags.some((t: string) => /^gdpr-art-(25|30|32)$/.test(t)));
        }
        assert.ok(legacyReport.summary.mandatory > 0);
        assert.equal(
            legacyReport.summary.mandatory,
            legacyReport.violations.filter((v: any) => v.level === "mandatory").length,
        );
    });

    it("gives each violation exactly the JSON shape of the design", () => {
        for (const v of legacyReport.violations) {
            assert.deepEqual(Object.keys(v), [
                "policy",
                "tags",
                "severity",
                "level",
                "urn",
                "type",
                "name",
                "message",
            ]);
            assert.match(v.urn, /^urn:pulumi:legacy-sync::gdpr-guard-examples::/);
            assert.ok(v.level === "mandatory" || v.level === "advisory");
            assert.ok(
                v.message.length > 0 && !v.message.startsWith("Checks that"),
                "the rule's own message, without the description",
            );
        }
        assert.deepEqual(Object.keys(legacyReport.summary), [
            "resources",
            "mandatory",
            "advisory",
            "notApplicable",
            "unanalyzed",
        ]);
        assertReport(legacyReport);
    });

    it("summarises per GDPR article: the rules that implement it and its violations by level", () => {
        const { articles, violations } = legacyReport;
        assert.deepEqual(Object.keys(articles), ["gdpr-art-25", "gdpr-art-30", "gdpr-art-32"]);
        for (const [tag, a] of Object.entries<any>(articles)) {
            assert.ok(a.rules > 0, `${tag} has rules`);
            for (const level of ["mandatory", "advisory"]) {
                const n = violations.filter(
                    (v: any) => v.level === level && v.tags.includes(tag),
                ).length;
                assert.equal(a[level], n, `${tag} ${level}`);
            }
        }
        assert.ok(articles["gdpr-art-32"].mandatory > 0);
        assert.match(
            legacyText.stdout,
            /\nGDPR Art\. 32: \d+ mandatory, \d+ advisory \(\d+ rules\)\n/,
        );
    });

    it("finds the same violations in the emitted state as in the program run", () => {
        const fromState = gdprGuard([
            "check",
            "--state",
            path.join(tmp, "legacy.json"),
            "--format",
            "json",
        ]);
        assert.equal(fromState.status, 1, fromState.stderr);
        const key = (v: any) => `${v.policy}|${v.urn}|${v.level}|${v.message}`;
        assert.deepEqual(
            JSON.parse(fromState.stdout).violations.map(key).sort(),
            legacyReport.violations.map(key).sort(),
        );
    });

    it("passes crm-erp-sync with exit 0 and no violations", () => {
        const r = gdprGuard(["check", "--stack", "crm-erp-sync", "--format", "json"]);
        assert.equal(r.status, 0, r.stderr);
        const report = JSON.parse(r.stdout);
        assert.deepEqual(
            report.violations.map((v: any) => `${v.level} ${v.policy}: ${v.message}`),
            [],
        );
    });

    it("prints a table for people with a verdict line", () => {
        const r = legacyText;
        assert.equal(r.status, 1);
        assert.match(r.stdout, /^gdpr-guard: stack "legacy-sync" checked by gdpr-guard 0\.1\.0/);
        assert.match(
            r.stdout,
            /mandatory {2}aws-sqs-queue-enable-kms-encryption\n {11}aws:sqs\/queue:Queue "crm-events" {2}\(stacks\/legacy-sync\/index\.ts:\d+\)/,
        );
        assert.match(
            r.stdout,
            /REJECTED: \d+ mandatory violations, \d+ advisory, \d+ resources checked/,
        );
        assert.doesNotMatch(r.stdout, /\x1b\[/, "no colour when not a terminal");
    });

    it("writes SARIF 2.1.0 with rules, help, levels and source locations", () => {
        const out = path.join(tmp, "report.sarif");
        const r = legacySarif;
        assert.equal(r.status, 1);
        assert.equal(r.stdout, "", "--output keeps stdout empty");
        const log = JSON.parse(fs.readFileSync(out, "utf8"));
        assert.equal(log.version, "2.1.0");
        const run = log.runs[0];
        assert.equal(run.tool.driver.name, "gdpr-guard");
        const ids = new Set(run.tool.driver.rules.map((x: any) => x.id));
        assert.ok(run.tool.driver.rules.every((x: any) => x.help.text && x.shortDescription.text));
        assert.equal(run.results.length, legacyReport.violations.length);
        for (const res of run.results) {
            assert.ok(ids.has(res.ruleId));
            assert.ok(res.level === "error" || res.level === "warning");
            const loc = res.locations[0].physicalLocation;
            assert.ok(loc.artifactLocation.uri && loc.region.startLine >= 1);
        }
        const kms = run.results.find(
            (x: any) => x.ruleId === "aws-sqs-queue-enable-kms-encryption",
        );
        assert.equal(kms.level, "error");
        assert.equal(
            kms.locations[0].physicalLocation.artifactLocation.uri,
            "stacks/legacy-sync/index.ts",
        );
    });

    it("never prints a planted secret", () => {
        const planted = ["Adm1n!CrmErp#2am"];
        const outputs = [
            legacy.stdout,
            legacy.stderr,
            legacyText.stdout,
            legacyText.stderr,
            fs.readFileSync(path.join(tmp, "report.sarif"), "utf8"),
        ];
        for (const s of planted) {
            assert.ok(
                outputs.every((o) => !o.includes(s)),
                "no report contains the password",
            );
        }
        // The check is not vacuous: the password is in the emitted state, which is not a report.
        assert.ok(fs.readFileSync(path.join(tmp, "legacy.json"), "utf8").includes(planted[0]));
    });

    it("exits 2 with one line for a malformed state file", () => {
        const bad = path.join(tmp, "bad.json");
        fs.writeFileSync(bad, '{"version": 3, "deployment": {"resources": [{"urn": 5}]}}');
        assertOneLineError(
            gdprGuard(["check", "--state", bad]),
            /State file ".*bad\.json" is not a Pulumi deployment .*at \/deployment\/resources\/0/,
        );
        fs.writeFileSync(bad, "{ not json");
        assertOneLineError(
            gdprGuard(["check", "--state", bad]),
            /is not valid JSON \(line 1, column 3\)\.$/,
        );
        // Where, never what: an export made with --show-secrets holds plaintext, and V8's message
        // would quote the text around the error.
        const plaintext = "Zq3xV9pL2mK8wR4tYb7N";
        fs.writeFileSync(bad, `{"version": 3,\n "deployment": {"secret": ${plaintext}}}`);
        const r = gdprGuard(["check", "--state", bad]);
        assertOneLineError(r, /is not valid JSON( \(line 2, column 27\))?\.$/);
        assert.ok(!r.stderr.includes(plaintext), r.stderr);
        assertOneLineError(
            gdprGuard(["check", "--state", path.join(tmp, "missing.json")]),
            /does not exist\./,
        );
    });

    it("exits 2 with one line for a missing program, a program that throws and an unknown stack", () => {
        assertOneLineError(
            gdprGuard(["check", "--stack", "dev", "--program", path.join(tmp, "nowhere")]),
            /is not a Pulumi project: it has no Pulumi\.yaml\./,
        );
        assertOneLineError(
            gdprGuard([
                "check",
                "--stack",
                "dev",
                "--program",
                path.join(ROOT, "test", "fixtures", "programs", "throws"),
            ]),
            /The program failed: queue name must be set \(stack "dev"\)\./,
        );
        // A stack without a config file has empty config, as for the CLI; this program refuses it.
        assertOneLineError(
            gdprGuard(["check", "--stack", "staging"]),
            /The program failed: Unknown stack "staging"/,
        );
    });

    it("exits 2 with one line naming the rule and field for an invalid config file, and writes nothing", () => {
        const cfg = path.join(tmp, "bad-config.json");
        const state = path.join(tmp, "never.json");
        fs.writeFileSync(
            cfg,
            JSON.stringify({
                "aws-sqs-queue-enable-kms-encryption": { allowSqsManagedSse: "yes" },
            }),
        );
        assertOneLineError(
            gdprGuard([
                "check",
                "--stack",
                "legacy-sync",
                "--policy-config",
                cfg,
                "--emit-state",
                state,
            ]),
            /Invalid policy config: aws-sqs-queue-enable-kms-encryption: allowSqsManagedSse: must be boolean/,
        );
        assert.equal(fs.existsSync(state), false, "no partial output");
        fs.writeFileSync(cfg, JSON.stringify({ all: "strict" }));
        assertOneLineError(
            gdprGuard(["check", "--stack", "legacy-sync", "--policy-config", cfg]),
            /"all" has enforcement level "strict"/,
        );
    });

    it("applies a config file: `all: advisory` turns the verdict into a pass", () => {
        const cfg = path.join(tmp, "advisory.json");
        fs.writeFileSync(cfg, JSON.stringify({ all: "advisory" }));
        const r = gdprGuard([
            "check",
            "--state",
            path.join(tmp, "legacy.json"),
            "--policy-config",
            cfg,
            "--format",
            "json",
        ]);
        assert.equal(r.status, 0, r.stderr);
        const report = JSON.parse(r.stdout);
        assert.equal(report.summary.mandatory, 0);
        assert.ok(report.summary.advisory >= legacyReport.violations.length);
    });

    it("exits 2 on flags that cannot go together or do not exist", () => {
        assertOneLineError(
            gdprGuard(["check", "--state", "x.json", "--preview"]),
            /--preview applies to running a program/,
        );
        assertOneLineError(gdprGuard(["check"]), /Name the stack to check with --stack NAME/);
        assertOneLineError(
            gdprGuard(["check", "--stack", "legacy-sync", "--format", "xml"]),
            /argument 'xml' is invalid/,
        );
        assertOneLineError(gdprGuard(["check", "--colour"]), /unknown option '--colour'/);
    });

    describe("on what real programs do", () => {
        it("--preview links workloads to a namespace created without a name, which the provider autonames (and not to a meshed look-alike)", async () => {
            const AUTONAMED = path.join(
                ROOT,
                "test",
                "fixtures",
                "programs",
                "autonamed-namespace",
            );
            const run = (stack: string) =>
                gdprGuardAsync([
                    "check",
                    "--stack",
                    stack,
                    "--program",
                    AUTONAMED,
                    "--preview",
                    "--format",
                    "json",
                ]);
            const [bare, meshed] = await Promise.all([run("dev"), run("meshed")]);
            const injection = (r: Run) =>
                JSON.parse(r.stdout)
                    .violations.filter(
                        (v: any) => v.policy === "kubernetes-core-namespace-enable-mesh-injection",
                    )
                    .map((v: any) => [v.level, v.name]);
            assert.equal(bare.status, 1, bare.stderr);
            assert.deepEqual(injection(bare), [["mandatory", "apps"]]);
            assert.equal(meshed.status, 0, meshed.stderr);
            assert.deepEqual(injection(meshed), []);
        });

        it("reports a Glue connection's literal PASSWORD on a default run, cannot judge it during --preview (the provider makes connectionProperties one secret), and passes SECRET_ID", async () => {
            const GLUE = path.join(ROOT, "test", "fixtures", "programs", "glue-connection");
            const run = (stack: string, ...more: string[]) =>
                gdprGuardAsync([
                    "check",
                    "--stack",
                    stack,
                    "--program",
                    GLUE,
                    "--format",
                    "json",
                    ...more,
                ]);
            const glue = (r: Run) =>
                JSON.parse(r.stdout)
                    .violations.filter(
                        (v: any) => v.policy === "aws-glue-connection-disallow-literal-password",
                    )
                    .map((v: any) => [v.level, v.message]);
            const [literal, preview, secretId] = await Promise.all([
                run("dev"),
                run("dev", "--preview"),
                run("secretid"),
            ]);
            assert.deepEqual(glue(literal), [
                [
                    "mandatory",
                    'Glue connection "warehouse" sets a literal `connectionProperties.PASSWORD` (detector "secret-like-key"); remove it and set `connectionProperties.SECRET_ID` to a Secrets Manager secret that holds the credentials.',
                ],
            ]);
            assert.ok(
                !literal.stdout.includes("Hunter2-FAKE-glue-etl"),
                "the password is never printed",
            );
            assert.deepEqual(glue(preview), [
                [
                    "advisory",
                    "can't run policy 'aws-glue-connection-disallow-literal-password' from policy pack 'gdpr-guard@v0.1.0' during preview: string value at .connectionProperties can't be known during preview",
                ],
            ]);
            assert.deepEqual(glue(secretId), []);
        });

        const WILD = path.join(ROOT, "test", "fixtures", "programs", "wild");
        const checkWild = (...more: string[]) => [
            "check",
            "--stack",
            "dev",
            "--program",
            WILD,
            ...more,
        ];
        let text: Run;
        let json: Run;
        let sarifRun: Run;

        before(async () => {
            [text, json, sarifRun] = await Promise.all(
                ["text", "json", "sarif"].map((format) =>
                    gdprGuardAsync(checkWild("--format", format)),
                ),
            );
        });

        it("never passes silently: the verdict names the components it could not see", () => {
            assert.equal(text.status, 0, text.stderr);
            assert.match(
                text.stdout,
                /PASSED, but 2 components were not analysed: no mandatory violations/,
            );
            assert.match(text.stdout, /unseen\s+eks:index:Cluster "cluster"/);
            assert.match(
                text.stdout.replace(/\s+/g, " "),
                /Not answered offline, left unknown: aws:ssm\/getParameter:getParameter \(1\), eks:index:Cluster\/getKubeconfig \(1\), kubernetes:helm:template \(1\)/,
            );
            const report = JSON.parse(json.stdout);
            assertReport(report);
            assert.equal(report.summary.unanalyzed, 2);
            assert.deepEqual(
                report.unanalyzed.map((u: any) => u.type),
                ["eks:index:Cluster", "kubernetes:helm.sh/v3:Chart"],
            );
            assert.deepEqual(report.unansweredInvokes, [
                { token: "aws:ssm/getParameter:getParameter", calls: 1 },
                { token: "eks:index:Cluster/getKubeconfig", calls: 1 },
                { token: "kubernetes:helm:template", calls: 1 },
            ]);
            const notes = JSON.parse(sarifRun.stdout).runs[0].invocations[0]
                .toolExecutionNotifications;
            assert.deepEqual(
                notes.map((n: any) => [
                    n.level,
                    n.locations[0].logicalLocations[0].fullyQualifiedName,
                ]),
                report.unanalyzed.map((u: any) => ["warning", u.urn]),
            );
        });

        it("says in one line on stderr which invokes it did not answer", () => {
            assert.deepEqual(json.stderr.trimEnd().split("\n"), [
                "gdpr-guard: warning: gdpr-guard does not answer aws:ssm/getParameter:getParameter, eks:index:Cluster/getKubeconfig, kubernetes:helm:template offline; their results were left unknown (answer them with --mocks FILE).",
            ]);
        });

        it("does not invent an offence from an output only the cluster knows", () => {
            const report = JSON.parse(json.stdout);
            const client = report.violations.filter((v: any) => v.name === "client");
            assert.ok(client.length > 0, "the Deployment was analysed");
            assert.ok(
                client.every((v: any) => v.level === "advisory"),
                `no mandatory finding on the unknown URL: ${JSON.stringify(client.map((v: any) => v.message))}`,
            );
            assert.ok(
                client.some((v: any) =>
                    /^can't run policy '.*' during preview: .*\.spec/.test(v.message),
                ),
                "rules that read the unknown env value say they could not run",
            );
        });

        it("answers an unanswered invoke from a --mocks module", () => {
            const r = gdprGuard(
                checkWild("--format", "json", "--mocks", path.join(WILD, "mocks.js")),
            );
            assert.doesNotMatch(r.stderr, /getParameter/);
            assert.deepEqual(
                JSON.parse(r.stdout).unansweredInvokes.map((i: any) => i.token),
                ["eks:index:Cluster/getKubeconfig", "kubernetes:helm:template"],
            );
        });

        it("gives a verdict on a state whose inputs hold resource references (it used to hang)", () => {
            const t = Date.now();
            const r = gdprGuard([
                "check",
                "--state",
                path.join(ROOT, "test", "engine", "fixtures", "resource-refs.json"),
                "--format",
                "json",
                "--timeout",
                "60",
            ]);
            assert.ok(r.status === 0 || r.status === 1, `a verdict, got ${r.status}: ${r.stderr}`);
            assertReport(JSON.parse(r.stdout));
            assert.ok(Date.now() - t < 60_000);
        });

        it("stops a program that never finishes at --timeout with one line", () => {
            const r = gdprGuard([
                "check",
                "--stack",
                "dev",
                "--program",
                path.join(ROOT, "test", "fixtures", "programs", "never-ends"),
                "--timeout",
                "4",
            ]);
            assertOneLineError(
                r,
                /did not finish within the time limit \(--timeout\) and was stopped\./,
            );
        });

        it("ends with one line naming the resource when the pack throws past its handlers", () => {
            const r = gdprGuard([
                "check",
                "--state",
                path.join(ROOT, "test", "fixtures", "states", "misbehaving-pack.json"),
                "--policy-pack",
                path.join(ROOT, "test", "fixtures", "test-pack"),
                "--timeout",
                "60",
            ]);
            assertOneLineError(
                r,
                /The policy pack failed during (Remediate|Analyze) of urn:pulumi:dev::proj::test:index:Crash::c1: it threw Error: boom while reading c1\./,
            );
        });

        it("refuses --timeout that is not a positive number", () => {
            assertOneLineError(
                gdprGuard(["check", "--stack", "dev", "--timeout", "soon"]),
                /--timeout <seconds>.*it takes a number of seconds greater than 0/,
            );
        });

        it("stops every process it started when it is interrupted, and exits non-zero", async () => {
            const p = spawn(
                process.execPath,
                [
                    CLI,
                    "check",
                    "--stack",
                    "dev",
                    "--program",
                    path.join(ROOT, "test", "fixtures", "programs", "never-ends"),
                ],
                { env: { ...process.env, NO_COLOR: "1" } },
            );
            let stderr = "";
            p.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
            const children = async (): Promise<number[]> => {
                const out: number[] = [];
                for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
                    try {
                        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
                        if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === p.pid) {
                            out.push(Number(pid));
                        }
                    } catch {
                        // gone already
                    }
                }
                return out;
            };
            let kids: number[] = [];
            for (let i = 0; i < 100 && kids.length === 0; i++) {
                await new Promise((r) => setTimeout(r, 100));
                kids = await children();
            }
            assert.ok(kids.length > 0, "the program runner was started");
            const exit = new Promise<number | null>((resolve) => p.on("exit", (c) => resolve(c)));
            p.kill("SIGTERM");
            assert.equal(await exit, 143);
            assert.match(stderr, /gdpr-guard: interrupted by SIGTERM; the check was stopped\./);
            await new Promise((r) => setTimeout(r, 300));
            for (const pid of kids) {
                // Gone, or a zombie waiting for init to reap it: either way no longer running.
                const stat = fs.existsSync(`/proc/${pid}/stat`)
                    ? fs.readFileSync(`/proc/${pid}/stat`, "utf8")
                    : "";
                const state = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[0];
                assert.ok(
                    stat === "" || state === "Z",
                    `child ${pid} was stopped (state ${state})`,
                );
            }
        });
    });

    describe("when the program or the output misbehaves", () => {
        const FIX = path.join(ROOT, "test", "fixtures", "programs");

        it("exits 2 with one line when the program ends the process itself", () => {
            assertOneLineError(
                gdprGuard(["check", "--stack", "dev", "--program", path.join(FIX, "exits-early")]),
                /The program of stack "dev" stopped without a result: exit code 0/,
            );
        });

        it("exits 2 with one line when the program throws later, from a callback", () => {
            assertOneLineError(
                gdprGuard(["check", "--stack", "dev", "--program", path.join(FIX, "throws-async")]),
                /The program failed: the CRM export failed after start-up \(stack "dev"\)\./,
            );
        });

        it("gives a program that registers nothing a verdict on its stack alone", () => {
            const r = gdprGuard([
                "check",
                "--stack",
                "dev",
                "--program",
                path.join(FIX, "registers-nothing"),
                "--format",
                "json",
            ]);
            assert.equal(r.status, 0, r.stderr);
            const report = JSON.parse(r.stdout);
            assertReport(report);
            assert.equal(report.summary.resources, 1);
        });

        it("exits 2 with one line and leaves nothing behind when the output's disk is full or read-only", function () {
            // A tiny tmpfs of our own (root only): full, then remounted read-only.
            const mnt = fs.mkdtempSync(path.join(os.tmpdir(), "gdpr-guard-fs-"));
            const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", "size=8k", "tmpfs", mnt]);
            if (mounted.status !== 0) {
                fs.rmSync(mnt, { recursive: true, force: true });
                this.skip(); // not root, or no mount here: the ENOTDIR case below still runs
            }
            try {
                const state = path.join(ROOT, "test", "engine", "fixtures", "family-secrets.json");
                const target = path.join(mnt, "report.json");
                assertOneLineError(
                    gdprGuard(["check", "--state", state, "--format", "json", "--output", target]),
                    /Cannot write ".*report\.json" \(ENOSPC\)\./,
                );
                assert.deepEqual(
                    fs.readdirSync(mnt),
                    [],
                    "no partial report and no temporary file",
                );
                assert.equal(spawnSync("mount", ["-o", "remount,ro", mnt]).status, 0);
                assertOneLineError(
                    gdprGuard(["check", "--state", state, "--output", target]),
                    /Cannot write ".*report\.json" \(EROFS\)\./,
                );
            } finally {
                spawnSync("umount", [mnt]);
                fs.rmSync(mnt, { recursive: true, force: true });
            }
        });

        it("exits 2 with one line and leaves no file when the output cannot be written", () => {
            const notAFolder = path.join(tmp, "a-file");
            fs.writeFileSync(notAFolder, "");
            for (const flag of ["--output", "--emit-state"]) {
                const target = path.join(notAFolder, "report.json");
                assertOneLineError(
                    gdprGuard([
                        "check",
                        "--stack",
                        "dev",
                        "--program",
                        path.join(FIX, "registers-nothing"),
                        flag,
                        target,
                    ]),
                    /Cannot write ".*a-file\/report\.json" \(ENOTDIR\)\./,
                );
                assert.deepEqual(
                    fs.readdirSync(tmp).filter((f) => f.includes(".tmp")),
                    [],
                );
            }
        });
    });
});
