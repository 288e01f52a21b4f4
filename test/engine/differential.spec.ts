// The differential test: the offline engine must find what the real Pulumi engine finds.
//
// For each snapshot — the two example stacks as the program runner emits them, one snapshot per
// policy family (fixtures/family-*.json, built by fixtures/families.ts) and a real `pulumi stack
// export` with encrypted secrets (fixtures/export-*.json) — and for each policy config in
// fixtures/config/, run
//
//     pulumi policy analyze --file SNAPSHOT --policy-pack ./policypack --policy-pack-config CFG
//     gdpr-guard check --state SNAPSHOT --policy-config CFG
//
// and assert the same set of (policy, URN, enforcement level) findings. Invalid configs
// (fixtures/config/invalid-*.json) must be rejected by both.
//
// The real CLI is built by scripts/pulumi-cli.sh (see docs/real-engine.md). Without it the suite
// is skipped with a one-line reason — unless GDPR_GUARD_REQUIRE_PULUMI=1 (CI), where that fails.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import {
    analyzeWithPulumi,
    assertSameFindings,
    checkOffline,
    describeResult,
    emitState,
    locatePulumi,
    OFFLINE,
    PULUMI_VERSION,
    tempDir,
    type KnownDifference,
} from "./engines";

const FIXTURES = path.join(__dirname, "fixtures");
const CONFIGS = path.join(FIXTURES, "config");
/** Programs whose emitted snapshots both engines check: the examples, and what real programs do. */
const PROGRAMS: { name: string; stack: string; program?: string }[] = [
    { name: "legacy-sync", stack: "legacy-sync" },
    { name: "crm-erp-sync", stack: "crm-erp-sync" },
    {
        // resource references, unknown outputs, unanswered invokes, unseen components
        name: "program-wild",
        stack: "dev",
        program: path.join(__dirname, "..", "fixtures", "programs", "wild"),
    },
];
const required = process.env.GDPR_GUARD_REQUIRE_PULUMI === "1";

/** The passphrase of fixtures/export-*.json (a fixture, not a secret). */
const EXPORT_PASSPHRASE = "gdpr-guard-fixture";

/** Differences written down in docs/real-engine.md; anything not listed fails the test. */
const KNOWN_DIFFERENCES: KnownDifference[] = [];

interface Variant {
    /** Snapshot name plus how the real CLI reads it. */
    label: string;
    snapshot: string;
    env: NodeJS.ProcessEnv;
}

function jsonFiles(dir: string, filter: (f: string) => boolean): string[] {
    return fs
        .readdirSync(dir)
        .filter((f) => f.endsWith(".json") && filter(f))
        .sort()
        .map((f) => path.join(dir, f));
}

/**
 * Every snapshot runs with fixtures/config/default.json; the other configs (levels, `all`,
 * `disabled`, rule properties) run on these, which between them reach every family.
 */
const CONFIG_MATRIX = /^(legacy-sync|family-encryption|export-.* \(secrets decrypted\))$/;

const pulumi = locatePulumi();
const offlineReady = fs.existsSync(OFFLINE);

describe(`real Pulumi engine ${PULUMI_VERSION} vs the offline engine`, function () {
    this.timeout(600_000);

    if (!pulumi.bin && !required) {
        // One pending test whose title is the reason: `npm test` shows "- skipped: …".
        it(`skipped: ${pulumi.reason}`, function () {
            this.skip();
        });
        return;
    }

    let work: string;
    const snapshots = new Map<string, string>();

    before(function () {
        if (!pulumi.bin) {
            throw new Error(`GDPR_GUARD_REQUIRE_PULUMI=1 but no Pulumi CLI: ${pulumi.reason}`);
        }
        if (!offlineReady) {
            throw new Error(`the offline engine is not built (${OFFLINE}); run npm run build`);
        }
        work = tempDir("gdpr-guard-differential-");
        for (const f of jsonFiles(FIXTURES, () => true)) {
            snapshots.set(path.basename(f, ".json"), f);
        }
        for (const p of PROGRAMS) {
            const file = path.join(work, `${p.name}.json`);
            const r = emitState(p.stack, file, p.program);
            assert.ok(
                fs.existsSync(file),
                `the program runner did not emit ${p.name}: exit ${r.status}\n${r.stderr}`,
            );
            snapshots.set(p.name, file);
        }
    });

    after(function () {
        if (work) fs.rmSync(work, { recursive: true, force: true });
    });

    const configs = jsonFiles(CONFIGS, (f) => !f.startsWith("invalid-"));
    const snapshotNames = [
        ...PROGRAMS.map((p) => p.name),
        ...jsonFiles(FIXTURES, () => true).map((f) => path.basename(f, ".json")),
    ];

    // An export with encrypted secrets is read twice by the real CLI: able to decrypt (the
    // passphrase is set) and not (secrets redacted). The offline engine never decrypts.
    const variants: Variant[] = snapshotNames.flatMap((name) =>
        name.startsWith("export-")
            ? [
                  {
                      label: `${name} (secrets decrypted)`,
                      snapshot: name,
                      env: { PULUMI_CONFIG_PASSPHRASE: EXPORT_PASSPHRASE },
                  },
                  { label: `${name} (secrets redacted)`, snapshot: name, env: {} },
              ]
            : [{ label: name, snapshot: name, env: {} }],
    );

    for (const variant of variants) {
        for (const config of configs) {
            const cfg = path.basename(config, ".json");
            if (cfg !== "default" && !CONFIG_MATRIX.test(variant.label)) continue;
            it(`finds the same violations in ${variant.label} with config ${cfg}`, function () {
                const name = variant.label;
                const snapshot = snapshots.get(variant.snapshot)!;
                const dir = tempDir(`${variant.snapshot}-${cfg}-`, work);
                const real = analyzeWithPulumi(pulumi.bin!, snapshot, config, dir, variant.env);
                const offline = checkOffline(snapshot, config);
                assertSameFindings(name, real, offline, KNOWN_DIFFERENCES, "pulumi policy analyze");
            });
        }
    }

    for (const config of jsonFiles(CONFIGS, (f) => f.startsWith("invalid-"))) {
        const cfg = path.basename(config, ".json");
        it(`rejects the config ${cfg} in both engines`, function () {
            const snapshot = path.join(FIXTURES, "family-encryption.json");
            const dir = tempDir(`${cfg}-`, work);
            const real = analyzeWithPulumi(pulumi.bin!, snapshot, config, dir);
            const offline = checkOffline(snapshot, config);
            assert.notEqual(real.status, 0, describeResult("pulumi policy analyze", real));
            assert.ok(real.error, `pulumi policy analyze accepted ${cfg}:\n${real.stdout}`);
            assert.deepEqual(
                real.findings,
                [],
                "pulumi policy analyze reported findings for a rejected config",
            );
            assert.equal(offline.status, 2, describeResult("gdpr-guard check", offline));
            assert.equal(offline.stdout.trim(), "", "gdpr-guard check wrote a partial report");
        });
    }
});
