// The one reader of Vault ACL policies (`vault.Policy`'s `policy`): HCL, parsed with @cdktf/hcl2json
// (HashiCorp's own HCL parser compiled to WebAssembly), or the JSON form Vault also accepts. It
// also knows which grants are too broad, so the policy rule and the auth-role rule that follows
// `tokenPolicies` to the policies of the stack judge them the same way.

import { memoByText } from "./memo";

/** One `path "…" { … }` block. */
export interface VaultPathRule {
    /** Position of the block (0-based). hcl2json returns path blocks sorted by path, so this is path order, not source order. */
    index: number;
    /** The path pattern as written (`secret/data/crm/*`, `+/creds/sync`). */
    path: string;
    /** Capabilities, lower-cased; the deprecated `policy = "write"` shorthand is expanded. */
    capabilities: string[];
}

export type ParsedVaultPolicy = { ok: true; rules: VaultPathRule[] } | { ok: false; error: string };

type Hcl2Json = typeof import("@cdktf/hcl2json");
let hcl: Promise<Hcl2Json> | undefined;

/** The HCL parser is a ~6 MB WebAssembly module (about 0.3 s to start): loaded on first use only. */
function loadHcl(): Promise<Hcl2Json> {
    hcl ??= import("@cdktf/hcl2json");
    return hcl;
}

// Vault's pre-0.9 `policy = "…"` shorthand.
const SHORTHAND: Record<string, string[]> = {
    deny: ["deny"],
    read: ["read", "list"],
    write: ["create", "read", "update", "delete", "list"],
    sudo: ["create", "read", "update", "delete", "list", "sudo"],
};

class PolicyError extends Error {}

function typeName(value: unknown): string {
    return value === null
        ? "null"
        : Array.isArray(value)
          ? "a list"
          : typeof value === "object"
            ? "an object"
            : `a ${typeof value}`;
}

function blockCapabilities(path: string, raw: unknown): string[] {
    // hcl2json renders each block as a list of bodies; the JSON form uses an object.
    const bodies = Array.isArray(raw) ? raw : [raw];
    const out: string[] = [];
    for (const body of bodies) {
        if (body === null || typeof body !== "object" || Array.isArray(body)) {
            throw new PolicyError(`path "${path}" is ${typeName(body)}, not a block`);
        }
        const b = body as Record<string, unknown>;
        if (b.capabilities !== undefined) {
            if (
                !Array.isArray(b.capabilities) ||
                !b.capabilities.every((c) => typeof c === "string")
            ) {
                throw new PolicyError(
                    `path "${path}" has capabilities that are not a list of strings`,
                );
            }
            out.push(...(b.capabilities as string[]).map((c) => c.trim().toLowerCase()));
        }
        if (b.policy !== undefined) {
            const shorthand =
                typeof b.policy === "string" ? SHORTHAND[b.policy.trim().toLowerCase()] : undefined;
            if (!shorthand) {
                throw new PolicyError(
                    `path "${path}" has a policy shorthand that is not "deny", "read", "write" or "sudo"`,
                );
            }
            out.push(...shorthand);
        }
    }
    return [...new Set(out)];
}

function rulesOf(doc: unknown): VaultPathRule[] {
    if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
        throw new PolicyError(`it is ${typeName(doc)}, not a policy`);
    }
    const paths = (doc as Record<string, unknown>).path;
    if (paths === undefined) {
        return [];
    }
    // `path` may be one object of blocks, or (from hcl2json on some inputs) a list of them.
    const groups = Array.isArray(paths) ? paths : [paths];
    const rules: VaultPathRule[] = [];
    for (const group of groups) {
        if (group === null || typeof group !== "object" || Array.isArray(group)) {
            throw new PolicyError(`its path blocks are ${typeName(group)}, not an object`);
        }
        for (const [path, body] of Object.entries(group as Record<string, unknown>)) {
            rules.push({ index: rules.length, path, capabilities: blockCapabilities(path, body) });
        }
    }
    return rules;
}

/** HCL parses by text: three rules read each Vault policy (two per resource, one in the stack). */
const parseHcl = memoByText(256, (text) =>
    loadHcl().then(({ parse }) => parse("policy.hcl", text) as Promise<unknown>),
);

/** Parses a Vault policy written in HCL or JSON (a string, or an already-parsed JSON object). */
export async function parseVaultPolicy(policy: unknown): Promise<ParsedVaultPolicy> {
    try {
        if (policy !== null && typeof policy === "object" && !Array.isArray(policy)) {
            return { ok: true, rules: rulesOf(policy) };
        }
        if (typeof policy !== "string" || policy.trim() === "") {
            return {
                ok: false,
                error:
                    typeof policy === "string" || policy === undefined
                        ? "The policy is empty."
                        : `The policy is ${typeName(policy)}, not HCL or JSON text.`,
            };
        }
        const text = policy.trim();
        if (text.startsWith("{")) {
            let doc: unknown;
            try {
                doc = JSON.parse(text);
            } catch (e) {
                return {
                    ok: false,
                    error: `The policy is not valid JSON (${e instanceof Error ? e.message.replace(/\.$/, "") : "it does not parse"}).`,
                };
            }
            return { ok: true, rules: rulesOf(doc) };
        }
        let doc: unknown;
        try {
            doc = await parseHcl(text);
        } catch (e) {
            const detail = (e instanceof Error ? e.message : String(e))
                .replace(/^parse config: /, "")
                .replace(/[\s.]+$/, "");
            return { ok: false, error: `The policy is not valid HCL (${detail}).` };
        }
        return { ok: true, rules: rulesOf(doc) };
    } catch (e) {
        if (e instanceof PolicyError) {
            return { ok: false, error: `The policy cannot be read: ${e.message}.` };
        }
        throw e;
    }
}

/** What is wrong with one path block. */
export interface VaultPolicyOffence {
    path: string;
    kind:
        | "broad-path"
        | "all-capabilities"
        | "privileged-capability"
        | "system-write"
        | "tenant-wildcard";
    /** `mandatory` except for `tenant-wildcard`, which is advisory. */
    level: "mandatory" | "advisory";
    /** `grants "sudo"` …: the should-style reason, to follow `path "<path>"` in a message. */
    reason: string;
}

const WRITE = ["create", "update", "patch", "delete"];

/** A path that reaches a whole mount or every mount: `*`, `secret*`, `secret/*`, `secret/data/*`. */
export function isMountRootGlob(path: string): boolean {
    const p = path.trim().replace(/^\//, "");
    return /^[^/]*\*$/.test(p) || /^[^/]+\/\*$/.test(p) || /^[^/]+\/(data|metadata)\/\*$/.test(p);
}

/** Every offence of a parsed policy, in the order of `rules`; blocks that `deny` grant nothing and are skipped. */
export function vaultPolicyOffences(rules: VaultPathRule[]): VaultPolicyOffence[] {
    const out: VaultPolicyOffence[] = [];
    for (const rule of rules) {
        const caps = rule.capabilities;
        if (caps.includes("deny") || caps.length === 0) {
            continue;
        }
        const path = rule.path.trim().replace(/^\//, "");
        const shown = caps.map((c) => `"${c}"`).join(", ");
        if (isMountRootGlob(path)) {
            out.push({
                path: rule.path,
                kind: "broad-path",
                level: "mandatory",
                reason: `grants ${shown} on everything under ${path === "*" ? "every mount" : "a whole mount"}; a policy should name the exact paths the workload reads (e.g. "database/creds/<role>")`,
            });
        }
        if (caps.includes("*")) {
            out.push({
                path: rule.path,
                kind: "all-capabilities",
                level: "mandatory",
                reason: `grants capabilities "*"; a policy should list the capabilities the workload uses (usually "read")`,
            });
        }
        for (const cap of ["sudo", "root"]) {
            if (caps.includes(cap)) {
                out.push({
                    path: rule.path,
                    kind: "privileged-capability",
                    level: "mandatory",
                    reason: `grants "${cap}", which unlocks root-protected endpoints; a workload policy should never hold it`,
                });
            }
        }
        if (/^(sys|auth)(\/|$)/.test(path)) {
            const writes = caps.filter((c) => WRITE.includes(c) || c === "*");
            if (writes.length > 0) {
                out.push({
                    path: rule.path,
                    kind: "system-write",
                    level: "mandatory",
                    reason: `grants ${writes.map((c) => `"${c}"`).join(", ")} under "${path.split("/")[0]}/", which lets the holder change Vault's own configuration, policies or auth methods; a workload policy should only read its own secrets`,
                });
            }
        }
        if (path.split("/").includes("+")) {
            out.push({
                path: rule.path,
                kind: "tenant-wildcard",
                level: "advisory",
                reason: `uses a "+" segment, which matches every tenant's path at that level; a policy should name the workload's own segment`,
            });
        }
    }
    return out;
}

/** How messages name a `vault.Policy`: by its Vault name when known, else by its Pulumi name. */
export function vaultPolicyName(props: Record<string, any>, fallback: string): string {
    return typeof props.name === "string" && props.name !== "" ? props.name : fallback;
}
