// Each component alone, and all of them together, pass the whole policy pack with zero mandatory
// and zero advisory violations — checked through the offline engine (`gdpr-guard check`) on the
// small programs under `programs/`, in normal and in `--preview` mode. Needs `npm run build`.
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const CLI = path.join(ROOT, "dist/cli/main.js");
const PROGRAMS: [string, string][] = [
    ["MeshNamespace (Istio and Linkerd)", "mesh-namespace"],
    ["VaultWorkloadIdentity", "vault-identity"],
    ["LeastPrivilegeRole", "least-privilege-role"],
    ["EncryptedQueue", "encrypted-queue"],
    ["all components together (two SecureSyncJobs sharing an EncryptedQueue)", "secure-sync-job"],
];

interface Report {
    summary: { resources: number; mandatory: number; advisory: number };
    violations: { policy: string; name: string; message: string }[];
}

function check(program: string, preview: boolean): Report {
    const args = [
        CLI,
        "check",
        "--program",
        program,
        "--stack",
        "test",
        "--format",
        "json",
        ...(preview ? ["--preview"] : []),
    ];
    const run = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8", timeout: 180000 });
    assert.ok(
        run.status === 0 || run.status === 1,
        `gdpr-guard check exited ${run.status}: ${run.stderr || run.stdout}`,
    );
    return JSON.parse(run.stdout) as Report;
}

describe("components against the whole pack (offline engine)", function () {
    this.timeout(240000);

    before(function () {
        if (!existsSync(CLI)) {
            this.skip();
        }
    });

    for (const [what, dir] of PROGRAMS) {
        for (const preview of [false, true]) {
            it(`${what} produces zero violations${preview ? " in preview mode" : ""}`, () => {
                const report = check(path.join(__dirname, "programs", dir), preview);
                assert.deepEqual(
                    report.violations.map((v) => `${v.policy} ${v.name}: ${v.message}`),
                    [],
                );
                assert.equal(report.summary.mandatory, 0);
                assert.equal(report.summary.advisory, 0);
                assert.ok(report.summary.resources > 0);
            });
        }
    }
});
