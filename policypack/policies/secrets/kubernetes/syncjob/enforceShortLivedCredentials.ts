import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { parseDurationSeconds } from "../../../../lib/durations";
import {
    conditionEntries,
    parsePolicyDocument,
    type IamStatement,
} from "../../../../lib/iam/document";
import { containers, describeContainer, metadataOf } from "../../../../lib/k8s";
import { MAX_TOKEN_MAX_TTL_SECONDS, MAX_TOKEN_TTL_SECONDS } from "../../../../lib/limits";
import { ruleUrl, tags } from "../../../../lib/meta";
import { asArray, asObject } from "../../../../lib/read";
import { allJobsProperty, ttlMaximaProperties } from "../../../../lib/sharedConfig";
import {
    dependenciesOf,
    describeJob,
    serviceAccountKey,
    serviceAccountsByKey,
    StackIndex,
    syncJobs,
    templateMarks,
    type SyncJob,
} from "../../../../lib/syncPath";

const NAME = "kubernetes-syncjob-job-enforce-short-lived-credentials";

/** Policy config of {@link enforceShortLivedCredentials}. */
export interface EnforceShortLivedCredentialsConfig {
    /** Treat every Job and CronJob as a sync job, labelled or not. */
    allJobs?: boolean;
    /** Largest Vault auth role `tokenTtl` (seconds) that counts as short-lived. */
    maxTokenTtl?: number;
    /** Largest Vault auth role `tokenMaxTtl` (seconds) that counts as short-lived. */
    maxTokenMaxTtl?: number;
}

const AWS_ENV = /^AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN)$/;
const VAULT_ROLE = "vault:kubernetes/authBackendRole:AuthBackendRole";
const IAM_ROLE = "aws:iam/role:Role";
const ACCESS_KEY = "aws:iam/accessKey:AccessKey";
const ROLE_ARN_ANNOTATION = "eks.amazonaws.com/role-arn";

interface VaultBinding {
    resource: PolicyResource;
    ttl: unknown;
    maxTtl: unknown;
}

/** A TTL as Vault reads it (`900`, `"900"`, `"15m"`), set (not 0) and at most `max` seconds. */
function bounded(value: unknown, max: number): boolean {
    const seconds = parseDurationSeconds(value);
    return seconds !== undefined && seconds > 0 && seconds <= max;
}

/** Subjects (`:sub` values) the web-identity statements of a trust policy admit, and how. */
function webIdentitySubjects(statements: readonly IamStatement[]): {
    exact: string[];
    loose: string[];
} {
    const exact: string[] = [];
    const loose: string[] = [];
    for (const s of statements) {
        if (
            s.effect !== "Allow" ||
            !(s.actions ?? []).some((a) => a.toLowerCase() === "sts:assumerolewithwebidentity")
        ) {
            continue;
        }
        const subjectKeys = new Set(
            Object.values(s.conditions)
                .flatMap((block) => Object.keys(block))
                .map((key) => key.toLowerCase())
                .filter((key) => key.endsWith(":sub")),
        );
        const subjects = [...subjectKeys].flatMap((key) => conditionEntries(s, key));
        const pinned = subjects.length > 0;
        for (const { operator, values } of subjects) {
            if (operator.toLowerCase() === "stringequals" && values.every((v) => !/[*?]/.test(v))) {
                exact.push(...values);
            } else {
                loose.push(...values.map((v) => `${operator} ${v}`));
            }
        }
        if (!pinned) {
            loose.push("any subject");
        }
    }
    return { exact, loose };
}

/**
 * A sync job's credentials are short-lived and bound to its own identity: Vault tokens from a
 * Kubernetes auth role that binds exactly its service account with bounded TTLs, and AWS access
 * from an IRSA role trusted for exactly that service account — never keys (Articles 25 and 32).
 */
export const enforceShortLivedCredentials: StackValidationPolicy = {
    name: NAME,
    description:
        "Checks that every sync job gets credentials only from a Vault auth role bound to its service account with bounded TTLs and AWS access only from a role trusted for exactly that service account.",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: tags("secrets", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        "Build the job with `SecureSyncJob`: it binds a `VaultWorkloadIdentity` (15 min / 1 h tokens) to the job's own service account and gives it a `LeastPrivilegeRole` through IRSA; remove access keys, AWS_* env credentials and Secret-mounted credentials.",
    url: ruleUrl(NAME),
    configSchema: {
        properties: {
            allJobs: allJobsProperty,
            ...ttlMaximaProperties,
        },
    },
    validateStack: (args, reportViolation) => {
        const config = args.getConfig<EnforceShortLivedCredentialsConfig>();
        const jobs = syncJobs(args.resources, config.allJobs ?? false);
        if (jobs.length === 0) {
            return;
        }
        const maxTtl =
            typeof config.maxTokenTtl === "number" ? config.maxTokenTtl : MAX_TOKEN_TTL_SECONDS;
        const maxMaxTtl =
            typeof config.maxTokenMaxTtl === "number"
                ? config.maxTokenMaxTtl
                : MAX_TOKEN_MAX_TTL_SECONDS;
        const index = new StackIndex(args.resources);

        // Vault roles by the one service account they bind (wildcard bindings bind none exactly).
        const vaultBindings = new Map<string, VaultBinding[]>();
        for (const r of index.ofType(VAULT_ROLE)) {
            const p = asObject(r.props);
            const names = asArray(p.boundServiceAccountNames).filter(
                (n): n is string => typeof n === "string" && !/[*?]/.test(n),
            );
            const namespaces = asArray(p.boundServiceAccountNamespaces).filter(
                (n): n is string => typeof n === "string" && !/[*?]/.test(n),
            );
            for (const ns of namespaces) {
                for (const sa of names) {
                    const key = serviceAccountKey(ns, sa);
                    const list = vaultBindings.get(key) ?? [];
                    list.push({ resource: r, ttl: p.tokenTtl, maxTtl: p.tokenMaxTtl });
                    vaultBindings.set(key, list);
                }
            }
        }
        const serviceAccounts = serviceAccountsByKey(index);

        for (const job of jobs) {
            const subject = `Sync job ${describeJob(job)}`;
            const report = (m: string) => reportViolation(`${subject} ${m}`, job.resource.urn);
            checkStaticCredentials(job, report);
            checkVault(
                job,
                vaultBindings.get(serviceAccountKey(job.namespace, job.serviceAccount)),
                maxTtl,
                maxMaxTtl,
                report,
            );
            checkIrsa(
                job,
                serviceAccounts.get(serviceAccountKey(job.namespace, job.serviceAccount)),
                report,
            );
        }
    },
};

function checkStaticCredentials(job: SyncJob, report: (m: string) => void): void {
    let awsEnv = false;
    for (const c of containers(job.template.spec)) {
        for (const e of asArray(c.container.env)) {
            const env = asObject(e);
            const name = typeof env.name === "string" ? env.name : "";
            const ref = asObject(asObject(env.valueFrom).secretKeyRef);
            if (AWS_ENV.test(name)) {
                awsEnv = true;
                report(
                    `should not hold static AWS credentials, but ${describeContainer(c)} env "${name}" hands it one; give its service account an IRSA role trusted for exactly it (SecureSyncJob does, with LeastPrivilegeRole).`,
                );
            } else if (typeof ref.name === "string") {
                report(
                    `should get credentials from Vault, but ${describeContainer(c)} env "${name}" reads Kubernetes Secret "${ref.name}", a static credential; render it from Vault to a file instead (SecureSyncJob does).`,
                );
            }
        }
        for (const from of asArray(c.container.envFrom)) {
            const ref = asObject(asObject(from).secretRef);
            if (typeof ref.name === "string") {
                report(
                    `should get credentials from Vault, but ${describeContainer(c)} loads env from Kubernetes Secret "${ref.name}", a static credential; render it from Vault to a file instead (SecureSyncJob does).`,
                );
            }
        }
    }
    for (const v of asArray(job.template.spec.volumes)) {
        const vol = asObject(v);
        const secret = asObject(vol.secret);
        if (typeof secret.secretName === "string") {
            report(
                `should get credentials from Vault, but volume "${typeof vol.name === "string" ? vol.name : "?"}" mounts Kubernetes Secret "${secret.secretName}", a static credential; render it from Vault instead (SecureSyncJob does).`,
            );
        }
    }
    if (!awsEnv) {
        for (const d of dependenciesOf(job.resource)) {
            if (d.type === ACCESS_KEY) {
                report(
                    `should not use a long-lived access key, but its inputs come from IAM access key "${d.name}"; give its service account an IRSA role trusted for exactly it (SecureSyncJob does, with LeastPrivilegeRole).`,
                );
            }
        }
    }
}

function checkVault(
    job: SyncJob,
    bindings: VaultBinding[] | undefined,
    maxTtl: number,
    maxMaxTtl: number,
    report: (m: string) => void,
): void {
    if (templateMarks(job)["vault.hashicorp.com/agent-inject"] !== "true") {
        return;
    }
    const who = `service account "${job.serviceAccount}"`;
    if (!bindings || bindings.length === 0) {
        report(
            `gets Vault credentials, but no Vault Kubernetes auth role in this stack binds exactly ${who} in namespace "${job.namespace}", so nothing bounds its tokens; bind one with VaultWorkloadIdentity (SecureSyncJob does).`,
        );
        return;
    }
    if (bindings.some((b) => bounded(b.ttl, maxTtl) && bounded(b.maxTtl, maxMaxTtl))) {
        return;
    }
    const b = bindings[0];
    report(
        `gets Vault credentials from auth role "${b.resource.name}", whose tokenTtl ${JSON.stringify(b.ttl) ?? "(unset)"} / tokenMaxTtl ${JSON.stringify(b.maxTtl) ?? "(unset)"} should be set and at most ${maxTtl} / ${maxMaxTtl} seconds (0 or unset means Vault's 32-day default); use VaultWorkloadIdentity's 900 / 3600 defaults (SecureSyncJob does).`,
    );
}

function checkIrsa(
    job: SyncJob,
    sa: PolicyResource | undefined,
    report: (m: string) => void,
): void {
    if (sa === undefined) {
        return;
    }
    // `in` does not read the value, which is unknown during preview when it is a role's ARN.
    const annotations = asObject(metadataOf(asObject(sa.props)).annotations);
    if (!(ROLE_ARN_ANNOTATION in annotations)) {
        return;
    }
    const expected = `system:serviceaccount:${job.namespace}:${job.serviceAccount}`;
    const roles = dependenciesOf(sa).filter((d) => d.type === IAM_ROLE);
    if (roles.length === 0) {
        report(
            `assumes an IAM role through service account "${job.serviceAccount}", but the role is not defined in this stack, so its trust cannot be checked to admit only "${expected}"; build the role with LeastPrivilegeRole (SecureSyncJob does).`,
        );
        return;
    }
    for (const role of roles) {
        const parsed = parsePolicyDocument(asObject(role.props).assumeRolePolicy);
        if (!parsed.ok) {
            report(
                `assumes IAM role "${role.name}", whose trust policy cannot be read (${parsed.error}), so it cannot be shown to admit only "${expected}"; build the role with LeastPrivilegeRole (SecureSyncJob does).`,
            );
            continue;
        }
        const { exact, loose } = webIdentitySubjects(parsed.statements);
        const others = [...new Set(exact.filter((s) => s !== expected)), ...loose];
        if (!exact.includes(expected)) {
            report(
                `assumes IAM role "${role.name}", whose trust policy does not pin \`:sub\` to "${expected}" with StringEquals, so the role is not its own; build the role with LeastPrivilegeRole (SecureSyncJob does).`,
            );
        } else if (others.length > 0) {
            report(
                `assumes IAM role "${role.name}", whose trust policy also admits ${others.map((o) => `"${o}"`).join(", ")}, so other workloads share its access; trust exactly "${expected}" (LeastPrivilegeRole does).`,
            );
        }
    }
}
