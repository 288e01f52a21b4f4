// `gdpr-guard check --state FILE… / --state DIR`: many exported stacks checked by one pack process,
// a report per stack, the exit code the worst of them. The built CLI in a child process, as a CI
// job or an auditor runs it. Needs `npm run build`.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { assertManyReport, assertReport } from "../reportContract";
import { CLI, gdprGuardAsync as gdprGuard } from "./cli";

describe("gdpr-guard check with many exported stacks (end to end)", function () {
    this.timeout(240_000);
    let tmp: string;
    let dir: string;
    let crm: string;
    let legacy: string;
    let crm2: string;
    let bad: string;
    let config: string;

    before(async () => {
        assert.ok(fs.existsSync(CLI), "dist/cli/main.js exists: run `npm run build` first");
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "gdpr-guard-many-"));
        dir = path.join(tmp, "exports");
        fs.mkdirSync(dir);
        crm = path.join(dir, "a-crm.json");
        legacy = path.join(dir, "b-legacy.json");
        const runs = await Promise.all(
            [
                ["crm-erp-sync", crm],
                ["legacy-sync", legacy],
            ].map(([stack, file]) =>
                gdprGuard(["check", "--stack", stack, "--format", "json", "--emit-state", file]),
            ),
        );
        assert.deepEqual(
            runs.map((r) => r.status),
            [0, 1],
            runs.map((r) => r.stderr).join("\n"),
        );
        // A second compliant stack: the same export under another stack name.
        crm2 = path.join(tmp, "crm-prod.json");
        fs.writeFileSync(
            crm2,
            fs
                .readFileSync(crm, "utf8")
                .replace(/urn:pulumi:crm-erp-sync::/g, "urn:pulumi:crm-prod::"),
        );
        bad = path.join(tmp, "broken.json");
        fs.writeFileSync(bad, '{"version": 3, "deployment": {"resources": [{"urn": 5}]}}');
        // Not exports: `--state DIR` reads the *.json files directly in it, hidden ones excluded.
        fs.writeFileSync(path.join(dir, ".hidden.json"), "{ not an export");
        fs.writeFileSync(path.join(dir, "notes.txt"), "not an export");
        fs.mkdirSync(path.join(dir, "nested.json"));
        // A config every stack's report must complain about (an exemption further ahead than
        // exemptionMaxDays allows): a pack process that checks many stacks must say it in each.
        const farAhead = new Date(Date.now() + 200 * 24 * 3600 * 1000).toISOString().slice(0, 10);
        config = path.join(tmp, "config.json");
        fs.writeFileSync(
            config,
            JSON.stringify({
                "aws-sqs-queue-enable-kms-encryption": {
                    exemptions: [
                        {
                            resource: "urn:pulumi:*::*::aws:sqs/queue:Queue::*",
                            reason: "queue migration in progress",
                            approvedBy: "platform",
                            expires: farAhead,
                        },
                    ],
                },
            }),
        );
    });

    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it("--state DIR: one section per export in name order, then a summary line per stack; exit 1 for the worst", async () => {
        const r = await gdprGuard(["check", "--state", dir]);
        assert.equal(r.status, 1, r.stderr);
        assert.equal(r.stderr, "", "no progress lines for a short run without a terminal");
        const headers = [
            ...r.stdout.matchAll(
                /^gdpr-guard: stack "([^"]+)" \((.+)\) checked by gdpr-guard 0\.1\.0$/gm,
            ),
        ];
        assert.deepEqual(
            headers.map((m) => [m[1], m[2]]),
            [
                ["crm-erp-sync", crm],
                ["legacy-sync", legacy],
            ],
        );
        const sections = r.stdout.split(/^gdpr-guard: /m).slice(1);
        assert.equal(sections.length, 3, "two stacks and the summary");
        assert.match(
            sections[0],
            /PASSED: no mandatory violations, 0 advisory, \d+ resources checked/,
        );
        assert.match(sections[1], /REJECTED: \d+ mandatory violations/);
        assert.match(sections[1], /aws-sqs-queue-enable-kms-encryption/);
        assert.doesNotMatch(sections[0], /aws-sqs-queue-enable-kms-encryption/);
        assert.match(sections[2], /^summary of 2 stacks checked by gdpr-guard 0\.1\.0\n/);
        assert.match(
            sections[2],
            /\nPASSED +"crm-erp-sync" +\S+a-crm\.json +0 mandatory, 0 advisory, \d+ resources\n/,
        );
        assert.match(
            sections[2],
            /\nREJECTED +"legacy-sync" +\S+b-legacy\.json +[1-9]\d* mandatory/,
        );
        assert.match(sections[2], /\nREJECTED: 1 rejected, 1 passed, 0 could not be checked; /);
    });

    it("--format json: one document, each stack's report exactly what checking it alone reports", async () => {
        const [many, alone] = await Promise.all([
            gdprGuard([
                "check",
                "--state",
                legacy,
                crm2,
                "--policy-config",
                config,
                "--format",
                "json",
            ]),
            gdprGuard(["check", "--state", legacy, "--policy-config", config, "--format", "json"]),
        ]);
        assert.equal(many.status, 1, many.stderr);
        const doc = JSON.parse(many.stdout);
        assertManyReport(doc);
        assert.deepEqual(doc.pack, { name: "gdpr-guard", version: "0.1.0" });
        assert.deepEqual(
            doc.stacks.map((s: any) => [s.file, s.verdict, s.report.stack]),
            [
                [legacy, "rejected", "legacy-sync"],
                [crm2, "rejected", "crm-prod"], // by the config problem alone
            ],
        );
        const single = JSON.parse(alone.stdout);
        assertReport(single);
        assert.deepEqual(doc.stacks[0].report, single, "the single-stack shape, unchanged");
        // The invalid exemption is reported in each stack's report, not once per process.
        for (const s of doc.stacks) {
            assert.ok(
                s.report.violations.some(
                    (v: any) =>
                        v.level === "mandatory" &&
                        /exemption #1 .* more than 90 days ahead/.test(v.message) &&
                        v.urn.startsWith(`urn:pulumi:${s.report.stack}::`),
                ),
                `${s.report.stack} reports the config problem`,
            );
        }
        const sum = (k: string) =>
            doc.stacks.reduce((n: number, s: any) => n + s.report.summary[k], 0);
        assert.deepEqual(doc.summary, {
            stacks: 2,
            passed: 0,
            rejected: 2,
            errors: 0,
            resources: sum("resources"),
            mandatory: sum("mandatory"),
            advisory: sum("advisory"),
            notApplicable: sum("notApplicable"),
            unanalyzed: 0,
        });
    });

    it("a malformed export among good ones: one line naming it, the others still reported, exit 2", async () => {
        const r = await gdprGuard(["check", "--state", crm, bad, legacy, "--format", "json"]);
        assert.equal(r.status, 2, "the worst of passed, rejected and unusable");
        const lines = r.stderr.trimEnd().split("\n");
        assert.equal(lines.length, 1, r.stderr);
        assert.match(
            lines[0],
            /^gdpr-guard: State file ".*broken\.json" is not a Pulumi deployment .*at \/deployment\/resources\/0/,
        );
        assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
        const doc = JSON.parse(r.stdout);
        assertManyReport(doc);
        assert.deepEqual(
            doc.stacks.map((s: any) => [s.file, s.verdict]),
            [
                [crm, "passed"],
                [bad, "error"],
                [legacy, "rejected"],
            ],
        );
        assert.equal(doc.stacks[1].error, lines[0].replace(/^gdpr-guard: /, ""));
        assert.ok(
            doc.stacks[2].report.violations.length > 0,
            "the stack after the bad one was checked",
        );
        assert.equal(doc.summary.errors, 1);
    });

    it("exits with the worst verdict: 0 when every stack passes, 1 with a rejection, 2 with an error", async () => {
        const statuses = await Promise.all(
            [
                [crm, crm2],
                [crm, crm2, legacy],
                [crm, path.join(tmp, "missing.json")],
            ].map(async (files) => (await gdprGuard(["check", "--state", ...files])).status),
        );
        assert.deepEqual(statuses, [0, 1, 2]);
    });

    it("one export given twice: both reports carry the config's problems, SARIF categories stay apart", async () => {
        const [json, sarif] = await Promise.all([
            gdprGuard([
                "check",
                "--state",
                crm,
                crm,
                "--policy-config",
                config,
                "--format",
                "json",
            ]),
            gdprGuard(["check", "--state", crm, crm, "--format", "sarif"]),
        ]);
        assert.equal(json.status, 1, json.stderr);
        const doc = JSON.parse(json.stdout);
        assert.deepEqual(
            doc.stacks.map((s: any) => s.verdict),
            ["rejected", "rejected"],
            "the second copy is rejected by the config problem too, as it is alone",
        );
        assert.equal(sarif.status, 0, sarif.stderr);
        assert.deepEqual(
            JSON.parse(sarif.stdout).runs.map((run: any) => run.automationDetails.id),
            [`gdpr-guard/${crm}/`, `gdpr-guard/${crm}#2/`],
        );
    });

    it("--format sarif: one run per export, each named by its stack; a failed one says why", async () => {
        const out = path.join(tmp, "many.sarif");
        const r = await gdprGuard([
            "check",
            "--state",
            crm,
            legacy,
            bad,
            "--format",
            "sarif",
            "--output",
            out,
        ]);
        assert.equal(r.status, 2);
        assert.equal(r.stdout, "");
        const log = JSON.parse(fs.readFileSync(out, "utf8"));
        assert.equal(log.version, "2.1.0");
        assert.equal(log.runs.length, 3);
        assert.deepEqual(
            log.runs.map((run: any) => run.automationDetails.id),
            ["gdpr-guard/crm-erp-sync/", "gdpr-guard/legacy-sync/", `gdpr-guard/${bad}/`],
        );
        assert.deepEqual(
            log.runs.map((run: any) => run.invocations[0].executionSuccessful),
            [true, true, false],
        );
        assert.equal(log.runs[0].results.length, 0);
        assert.ok(log.runs[1].results.length > 0);
        assert.ok(
            log.runs[1].results.every((x: any) =>
                x.locations[0].logicalLocations[0].fullyQualifiedName.startsWith(
                    "urn:pulumi:legacy-sync::",
                ),
            ),
        );
        assert.match(
            log.runs[2].invocations[0].toolExecutionNotifications[0].message.text,
            /broken\.json" is not a Pulumi deployment/,
        );
    });

    it("a folder with one export is still the many-stack form; an empty one is exit 2 with one line", async () => {
        const one = path.join(tmp, "one");
        fs.mkdirSync(one);
        fs.copyFileSync(crm, path.join(one, "crm.json"));
        const r = await gdprGuard(["check", "--state", one, "--format", "json"]);
        assert.equal(r.status, 0, r.stderr);
        const doc = JSON.parse(r.stdout);
        assertManyReport(doc);
        assert.equal(doc.stacks.length, 1);
        const empty = path.join(tmp, "empty");
        fs.mkdirSync(empty);
        const e = await gdprGuard(["check", "--state", empty]);
        assert.equal(e.status, 2);
        assert.equal(e.stdout, "");
        assert.match(
            e.stderr,
            /^gdpr-guard: Folder ".*empty" has no `pulumi stack export` files \(\*\.json\) to check\.\n$/,
        );
    });

    it("says on stderr how far a long run is, a line every 20 stacks", async () => {
        const many = path.join(tmp, "many");
        fs.mkdirSync(many);
        for (let i = 0; i < 21; i++) {
            fs.copyFileSync(crm2, path.join(many, `crm-${String(i).padStart(2, "0")}.json`));
        }
        const r = await gdprGuard(["check", "--state", many, "--format", "json"]);
        assert.equal(r.status, 0, r.stderr);
        assert.deepEqual(
            r.stderr
                .trimEnd()
                .split("\n")
                .map((l) => l.replace(/\(\d+ s\)$/, "(N s)")),
            ["gdpr-guard: 20/21 stacks checked (N s)", "gdpr-guard: 21/21 stacks checked (N s)"],
        );
        assert.equal(JSON.parse(r.stdout).summary.passed, 21);
    });
});
