// A Vault identity for exactly one Kubernetes service account: a Kubernetes-auth role with
// short-lived tokens and a generated policy that grants only the listed paths, plus optional
// dynamic-credential roles, so a sync job never holds a static secret (GDPR Articles 25 and 32).
import * as pulumi from "@pulumi/pulumi";
import * as vault from "@pulumi/vault";
import {
    MAX_SESSION_DURATION_SECONDS,
    MAX_TOKEN_MAX_TTL_SECONDS,
    MAX_TOKEN_TTL_SECONDS,
} from "../policypack/lib/limits";
import { Checks } from "./internal";

/** Vault capabilities a generated policy may grant (`sudo`, `root` and `*`-style grants never). */
export type VaultCapability = "create" | "read" | "update" | "patch" | "delete" | "list";

const CAPABILITIES: readonly VaultCapability[] = [
    "create",
    "read",
    "update",
    "patch",
    "delete",
    "list",
];
const READ_ONLY: VaultCapability[] = ["read"];

/** One path grant of the generated Vault policy. */
export interface VaultPathGrant {
    /** The Vault path, e.g. `secret/data/crm-erp-sync/api`. No `+` segments, no bare mount-root `*`. */
    readonly path: string;
    /** The capabilities on it; read-only (`["read"]`) by default. */
    readonly capabilities?: VaultCapability[];
}

/** A database secrets engine role issuing short-lived database users. */
export interface DatabaseCredentialRole {
    /** Mount path of the database secrets engine, e.g. `database`. */
    readonly backend: string;
    /** The role's name; defaults to the identity's role name. */
    readonly name?: string;
    /** The database connection configured on the engine. */
    readonly dbName: pulumi.Input<string>;
    /** SQL that creates the user (`{{name}}`, `{{password}}`, `{{expiration}}` templates). */
    readonly creationStatements: pulumi.Input<pulumi.Input<string>[]>;
    /** SQL that drops the user at lease end. */
    readonly revocationStatements?: pulumi.Input<pulumi.Input<string>[]>;
    /** Lease TTL in seconds; 900 by default, at most the pack's token TTL maximum. */
    readonly defaultTtlSeconds?: number;
    /** Lease max TTL in seconds; 3600 by default, at most the pack's token max-TTL maximum. */
    readonly maxTtlSeconds?: number;
}

/** An AWS secrets engine role issuing STS credentials for an assumed role. */
export interface AwsCredentialRole {
    /** Mount path of the AWS secrets engine, e.g. `aws`. */
    readonly backend: string;
    /** The role's name; defaults to the identity's role name. */
    readonly name?: string;
    /** The IAM roles Vault may assume for this identity (exact ARNs). */
    readonly roleArns: pulumi.Input<string>[];
    /** STS credential TTL in seconds; 900 by default (the STS minimum). */
    readonly defaultStsTtlSeconds?: number;
    /** STS credential max TTL in seconds; 3600 by default, at most the IAM session maximum. */
    readonly maxStsTtlSeconds?: number;
}

export interface VaultWorkloadIdentityArgs {
    /** The one namespace whose service account may log in (exact name). */
    readonly namespace: string;
    /** The one service account that may log in (exact name). */
    readonly serviceAccount: string;
    /** The Kubernetes auth mount; `kubernetes` by default. */
    readonly backend?: pulumi.Input<string>;
    /** The Vault role name (and policy name); defaults to the component's name. */
    readonly roleName?: string;
    /** The paths the identity may use; read-only unless capabilities say otherwise. */
    readonly paths?: VaultPathGrant[];
    /** Token TTL in seconds; 900 (15 min) by default, at most the pack's maximum. */
    readonly tokenTtlSeconds?: number;
    /** Token max TTL in seconds; 3600 (1 h) by default, at most the pack's maximum. */
    readonly tokenMaxTtlSeconds?: number;
    /** Audience the service-account token must carry (e.g. `vault` for a projected token). */
    readonly audience?: pulumi.Input<string>;
    /** Dynamic database credentials (each adds a read grant on `<backend>/creds/<name>`). */
    readonly databaseCredentials?: DatabaseCredentialRole[];
    /** Dynamic AWS credentials via `assumed_role` (each adds a read grant on `<backend>/sts/<name>`). */
    readonly awsCredentials?: AwsCredentialRole[];
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const MOUNT = /^[A-Za-z0-9][A-Za-z0-9_.-]*(\/[A-Za-z0-9][A-Za-z0-9_.-]*)*$/;
const WRITES: VaultCapability[] = ["create", "update", "patch", "delete"];

/**
 * A Vault Kubernetes-auth role bound to exactly one service account in one namespace, with a
 * generated `vault.Policy` granting only the listed paths (read-only by default), token TTL
 * 15 min / max TTL 1 h by default, and optional database / AWS (`assumed_role`) credential roles.
 */
export class VaultWorkloadIdentity extends pulumi.ComponentResource {
    /** The Kubernetes auth backend role. */
    public readonly role: vault.kubernetes.AuthBackendRole;
    /** The generated policy. */
    public readonly policy: vault.Policy;
    /** The role name pods log in with (`vault.hashicorp.com/role`), known at construction. */
    public readonly roleName: string;
    /** The generated policy's HCL text, known at construction. */
    public readonly policyText: string;
    /** Every path the identity can read credentials from, in grant order. */
    public readonly credentialPaths: string[];
    /** The database credential roles, in argument order. */
    public readonly databaseRoles: vault.database.SecretBackendRole[] = [];
    /** The AWS credential roles, in argument order. */
    public readonly awsRoles: vault.aws.SecretBackendRole[] = [];

    constructor(
        name: string,
        args: VaultWorkloadIdentityArgs,
        opts?: pulumi.ComponentResourceOptions,
    ) {
        const check = new Checks("VaultWorkloadIdentity", name);
        const a = args ?? ({} as VaultWorkloadIdentityArgs);
        const namespace = check.dnsLabel("namespace", a.namespace);
        const serviceAccount = check.dnsLabel("serviceAccount", a.serviceAccount);
        const roleName = a.roleName ?? name;
        if (typeof roleName !== "string" || !NAME.test(roleName)) {
            check.refuse(
                "roleName",
                `is ${JSON.stringify(roleName)}, not a Vault role name`,
                "use letters, digits, '-', '_' or '.'",
            );
        }
        const [tokenTtl, tokenMaxTtl] = ttlPair(check, {
            keys: ["tokenTtlSeconds", "tokenMaxTtlSeconds"],
            values: [a.tokenTtlSeconds, a.tokenMaxTtlSeconds],
            min: 60,
            ceilings: [MAX_TOKEN_TTL_SECONDS, MAX_TOKEN_MAX_TTL_SECONDS],
            whys: ["a longer-lived token outlives the job and widens a leak", "renewals must end"],
        });

        const grants: { path: string; capabilities: VaultCapability[] }[] = [];
        (a.paths ?? []).forEach((g, i) => {
            grants.push({
                path: checkPath(check, `paths[${i}].path`, g?.path, g?.capabilities ?? READ_ONLY),
                capabilities: checkCapabilities(
                    check,
                    `paths[${i}].capabilities`,
                    g?.capabilities ?? READ_ONLY,
                ),
            });
        });
        const dbRoles = (a.databaseCredentials ?? []).map((r, i) => {
            const arg = `databaseCredentials[${i}]`;
            const { backend, name: roleArg } = credentialRole(check, arg, r, roleName);
            const [defaultTtl, maxTtl] = ttlPair(check, {
                prefix: `${arg}.`,
                keys: ["defaultTtlSeconds", "maxTtlSeconds"],
                values: [r.defaultTtlSeconds, r.maxTtlSeconds],
                min: 60,
                ceilings: [MAX_TOKEN_TTL_SECONDS, MAX_TOKEN_MAX_TTL_SECONDS],
                whys: ["database users must expire soon", "leases must end"],
            });
            grants.push({ path: `${backend}/creds/${roleArg}`, capabilities: ["read"] });
            return { r, backend, name: roleArg, defaultTtl, maxTtl };
        });
        const awsRoles = (a.awsCredentials ?? []).map((r, i) => {
            const arg = `awsCredentials[${i}]`;
            const { backend, name: roleArg } = credentialRole(check, arg, r, roleName);
            if (!Array.isArray(r.roleArns) || r.roleArns.length === 0) {
                check.refuse(
                    `${arg}.roleArns`,
                    "is empty",
                    "list the exact IAM role ARNs Vault may assume",
                );
            }
            r.roleArns.forEach((arn, j) => {
                if (
                    typeof arn === "string" &&
                    (!/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\/-]+$/.test(arn) ||
                        arn.includes("*"))
                ) {
                    check.refuse(
                        `${arg}.roleArns[${j}]`,
                        `is "${arn}", not one exact IAM role ARN`,
                        "name the role, e.g. arn:aws:iam::111122223333:role/crm-erp-sync",
                    );
                }
            });
            const [defaultTtl, maxTtl] = ttlPair(check, {
                prefix: `${arg}.`,
                keys: ["defaultStsTtlSeconds", "maxStsTtlSeconds"],
                values: [r.defaultStsTtlSeconds, r.maxStsTtlSeconds],
                min: 900,
                ceilings: [MAX_SESSION_DURATION_SECONDS, MAX_SESSION_DURATION_SECONDS],
                whys: ["STS credentials must expire soon", "the IAM session maximum"],
            });
            grants.push({ path: `${backend}/sts/${roleArg}`, capabilities: ["read"] });
            return { r, backend, name: roleArg, defaultTtl, maxTtl };
        });
        if (grants.length === 0) {
            check.refuse(
                "paths",
                "is empty and no credential roles are given, so the identity would have nothing to read",
                "list the paths the workload needs, or give it no Vault identity",
            );
        }
        const seen = new Set<string>();
        for (const g of grants) {
            if (seen.has(g.path)) {
                check.refuse(
                    "paths",
                    `grants "${g.path}" twice`,
                    "list each path once with all its capabilities",
                );
            }
            seen.add(g.path);
        }

        super("gdpr-guard:vault:VaultWorkloadIdentity", name, {}, opts);
        this.roleName = roleName;
        this.credentialPaths = grants.map((g) => g.path);
        this.policyText = grants
            .map(
                (g) =>
                    `path "${g.path}" {\n  capabilities = [${g.capabilities.map((c) => `"${c}"`).join(", ")}]\n}`,
            )
            .join("\n\n");
        const child = { parent: this };

        this.policy = new vault.Policy(
            `${name}-policy`,
            { name: roleName, policy: this.policyText },
            child,
        );
        this.role = new vault.kubernetes.AuthBackendRole(
            `${name}-role`,
            {
                backend: a.backend ?? "kubernetes",
                roleName,
                boundServiceAccountNames: [serviceAccount],
                boundServiceAccountNamespaces: [namespace],
                audience: a.audience,
                tokenTtl,
                tokenMaxTtl,
                // The plain name (known during preview) plus an explicit dependency on the policy.
                tokenPolicies: [roleName],
                tokenType: "service",
            },
            { parent: this, dependsOn: [this.policy] },
        );
        for (const d of dbRoles) {
            this.databaseRoles.push(
                new vault.database.SecretBackendRole(
                    `${name}-db-${d.name}`,
                    {
                        backend: d.backend,
                        name: d.name,
                        dbName: d.r.dbName,
                        creationStatements: d.r.creationStatements,
                        revocationStatements: d.r.revocationStatements,
                        defaultTtl: d.defaultTtl,
                        maxTtl: d.maxTtl,
                    },
                    child,
                ),
            );
        }
        for (const w of awsRoles) {
            this.awsRoles.push(
                new vault.aws.SecretBackendRole(
                    `${name}-aws-${w.name}`,
                    {
                        backend: w.backend,
                        name: w.name,
                        credentialType: "assumed_role",
                        roleArns: w.r.roleArns,
                        defaultStsTtl: w.defaultTtl,
                        maxStsTtl: w.maxTtl,
                    },
                    child,
                ),
            );
        }
        // Only plain values: a resource reference in a component's outputs cannot be read by policy packs.
        this.registerOutputs({ roleName: this.roleName, credentialPaths: this.credentialPaths });
    }
}

/** A TTL argument and its max-TTL argument, 900 s and 3600 s by default. */
interface TtlPair {
    /** Put before both keys in messages, e.g. `awsCredentials[0].`. */
    prefix?: string;
    keys: [ttl: string, maxTtl: string];
    values: [ttl: unknown, maxTtl: unknown];
    /** The floor of both. */
    min: number;
    ceilings: [ttl: number, maxTtl: number];
    /** Why each ceiling, for the refusal. */
    whys: [ttl: string, maxTtl: string];
}

/** Checks a TTL pair: each within its floor and ceiling, and the max TTL at least the TTL. */
function ttlPair(check: Checks, t: TtlPair): [ttl: number, maxTtl: number] {
    const [ttlArg, maxArg] = t.keys.map((k) => `${t.prefix ?? ""}${k}`);
    const ttl = check.integer(ttlArg, t.values[0], 900, t.min, t.ceilings[0], t.whys[0]);
    const maxTtl = check.integer(maxArg, t.values[1], 3600, t.min, t.ceilings[1], t.whys[1]);
    if (maxTtl < ttl) {
        check.refuse(
            maxArg,
            `is ${maxTtl}, below ${t.keys[0]} ${ttl}`,
            "make the max TTL at least the TTL",
        );
    }
    return [ttl, maxTtl];
}

/** The checked mount and role name of a database or AWS credential role (`arg`, e.g. `awsCredentials[0]`). */
function credentialRole(
    check: Checks,
    arg: string,
    r: { backend?: unknown; name?: string } | undefined,
    fallbackName: string,
): { backend: string; name: string } {
    const backend = mount(check, `${arg}.backend`, r?.backend);
    const name = r?.name ?? fallbackName;
    if (!NAME.test(name)) {
        check.refuse(
            `${arg}.name`,
            `is "${name}", not a role name`,
            "use letters, digits, '-', '_' or '.'",
        );
    }
    return { backend, name };
}

function mount(check: Checks, arg: string, value: unknown): string {
    if (
        typeof value !== "string" ||
        !MOUNT.test(value) ||
        /^(sys|auth|identity|cubbyhole)(\/|$)/.test(value)
    ) {
        check.refuse(
            arg,
            `is ${JSON.stringify(value) ?? "missing"}, not a secrets engine mount`,
            'give the engine\'s mount path, e.g. "database" or "aws"',
        );
    }
    return value;
}

function checkCapabilities(check: Checks, arg: string, caps: unknown): VaultCapability[] {
    if (!Array.isArray(caps) || caps.length === 0) {
        check.refuse(arg, "is empty or not a list", 'list the capabilities, e.g. ["read"]');
    }
    for (const c of caps) {
        if (!CAPABILITIES.includes(c as VaultCapability)) {
            check.refuse(
                arg,
                `holds ${JSON.stringify(c)}, which would grant more than a sync job needs`,
                `use only ${CAPABILITIES.map((x) => `"${x}"`).join(", ")}`,
            );
        }
    }
    return caps as VaultCapability[];
}

function checkPath(check: Checks, arg: string, path: unknown, caps: unknown): string {
    if (typeof path !== "string" || path.trim() === "" || /\s|"/.test(path)) {
        check.refuse(
            arg,
            `is ${JSON.stringify(path) ?? "missing"}, not a Vault path`,
            'give the exact path, e.g. "secret/data/crm-erp-sync/api"',
        );
    }
    const segments = path.replace(/^\/+/, "").split("/");
    if (path === "*" || (segments.length <= 2 && path.endsWith("*"))) {
        check.refuse(
            arg,
            `is "${path}", which covers a whole mount`,
            "name the exact paths the workload reads",
        );
    }
    if (segments.includes("+") || segments.some((s) => s.includes("+"))) {
        check.refuse(
            arg,
            `is "${path}", whose "+" segment covers other tenants' paths`,
            "name the exact path",
        );
    }
    if (
        /^(sys|auth)(\/|$)/.test(segments[0]) &&
        Array.isArray(caps) &&
        caps.some((c) => WRITES.includes(c))
    ) {
        check.refuse(
            arg,
            `is "${path}" with write capabilities, which would let the workload reconfigure Vault`,
            "grant only read on sys/ and auth/ paths, or none",
        );
    }
    return path;
}
