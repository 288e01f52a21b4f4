// Small deployment snapshots for the specs that run the pack through the offline engine (cli/),
// the way `pulumi preview --policy-pack-config` / `pulumi policy analyze --file` would: one
// `pulumi stack export` (version 3) written to a temp file, one check, the JSON report back —
// validated against its written contract (docs/report.schema.json) on every call.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { check } from "../../cli/check";
import type { CheckResult } from "../../cli/report/model";
import { assertReport } from "../reportContract";

export const STACK = "rollout";
export const PROJECT = "gdpr-guard-rollout";

export function urnOf(type: string, name: string, parentType?: string): string {
    return `urn:pulumi:${STACK}::${PROJECT}::${parentType ? `${parentType}$` : ""}${type}::${name}`;
}

export interface FixtureResource {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
}

const PROVIDER_VERSIONS: Record<string, string> = {
    aws: "7.48.0",
    kubernetes: "4.34.2",
    vault: "7.8.0",
};

/** A deployment with a stack resource, one default provider per package used, and `resources`. */
export function snapshotOf(resources: FixtureResource[]): object {
    const stackUrn = urnOf("pulumi:pulumi:Stack", `${PROJECT}-${STACK}`);
    const out: object[] = [
        { urn: stackUrn, custom: false, type: "pulumi:pulumi:Stack", outputs: {} },
    ];
    const providers = new Map<string, string>();
    let id = 0;
    const nextId = () => `00000000-0000-4000-8000-${String(++id).padStart(12, "0")}`;
    for (const r of resources) {
        const pkg = r.type.split(":")[0];
        if (!providers.has(pkg)) {
            const version = PROVIDER_VERSIONS[pkg] ?? "1.0.0";
            const pid = nextId();
            const purn = urnOf(`pulumi:providers:${pkg}`, `default_${version.replace(/\./g, "_")}`);
            const inputs = pkg === "aws" ? { version, region: "eu-west-1" } : { version };
            out.push({
                urn: purn,
                custom: true,
                id: pid,
                type: `pulumi:providers:${pkg}`,
                inputs,
                outputs: inputs,
            });
            providers.set(pkg, `${purn}::${pid}`);
        }
        const rid = nextId();
        out.push({
            urn: urnOf(r.type, r.name),
            custom: true,
            id: rid,
            type: r.type,
            inputs: r.inputs,
            outputs: { ...r.inputs, id: rid },
            parent: stackUrn,
            provider: providers.get(pkg),
        });
    }
    return {
        version: 3,
        deployment: {
            manifest: { time: "2026-01-15T09:30:00.000000000Z", magic: "", version: "v3.274.1" },
            resources: out,
        },
    };
}

/** A fresh temp folder, removed by the caller with `fs.rmSync(dir, { recursive: true })`. */
export function tempDir(prefix: string): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), `gdpr-guard-${prefix}-`));
}

/** Runs the offline engine on `resources` with an optional policy config object (or file path). */
export async function checkOffline(
    resources: FixtureResource[],
    policyConfig?: object | string,
    policyPack?: string,
): Promise<CheckResult> {
    const dir = tempDir("check");
    try {
        const state = path.join(dir, "state.json");
        fs.writeFileSync(state, JSON.stringify(snapshotOf(resources), null, 2));
        let configFile: string | undefined;
        if (typeof policyConfig === "string") {
            configFile = policyConfig;
        } else if (policyConfig) {
            configFile = path.join(dir, "policy-config.json");
            fs.writeFileSync(configFile, JSON.stringify(policyConfig, null, 2));
        }
        const result = await check({ state, policyConfig: configFile, policyPack });
        // What `--format json` would print keeps the written contract, in every spec.
        assertReport(JSON.parse(JSON.stringify(result.report)));
        return result;
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

/** An ISO date `days` from today (UTC), for exemptions that must be active or expired on any run. */
export function daysFromToday(days: number): string {
    return new Date(Date.now() + days * 86400000).toISOString().slice(0, 10);
}
