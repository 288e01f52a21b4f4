// One data sync, built so that it passes the pack: a CronJob in a mesh namespace with its own
// service account, Vault-rendered short-lived credentials (files, never env values), IRSA for AWS,
// encrypted queues, a locked-down pod, bounded retries and a NetworkPolicy that only lets it reach
// DNS, Vault and its named endpoints (GDPR Articles 25 and 32).
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { MAX_BACKOFF_LIMIT } from "../policypack/lib/limits";
import { isClearlyNotSecret, isSecretLikeKey, scanValue } from "../policypack/lib/secrets/detector";
import { SYNC_JOB_LABEL, SYNC_JOB_LABEL_VALUE } from "../policypack/lib/syncPath";
import type { EncryptedQueue } from "./encryptedQueue";
import { CONSUMER_ACTIONS, PRODUCER_ACTIONS } from "./encryptedQueue";
import { Checks, envName, ownershipLabels, type DataOwnership } from "./internal";
import { LeastPrivilegeRole, type IamGrant } from "./leastPrivilegeRole";
import { MeshNamespace, type MeshKind } from "./meshNamespace";
import {
    VaultWorkloadIdentity,
    type AwsCredentialRole,
    type DatabaseCredentialRole,
    type VaultPathGrant,
} from "./vaultWorkloadIdentity";

/** Where egress to an endpoint may go: exact CIDRs outside the cluster, or a namespace inside it. */
export interface EgressTarget {
    /** CIDR blocks of the endpoint (never `0.0.0.0/0`). */
    readonly cidrs?: string[];
    /** The in-cluster namespace serving the endpoint. */
    readonly namespace?: string;
}

/** A named endpoint the job talks to: an `https://` URL and where it lives on the network. */
export interface SyncEndpoint extends EgressTarget {
    /** The endpoint's `https://` URL; the job gets it as `<NAME>_URL`. */
    readonly url: string;
}

/** A secret the Vault agent renders to `/vault/secrets/<name>` and keeps renewed. */
export interface VaultSecretFile {
    /** The Vault path to read, e.g. `database/creds/crm-erp-sync`. */
    readonly path: string;
    /** Optional Consul-template rendering the file (`vault.hashicorp.com/agent-inject-template-<name>`). */
    readonly template?: string;
}

export interface SecureSyncJobVaultArgs extends EgressTarget {
    /** Vault's `https://` address. */
    readonly address: string;
    /** Files the agent renders under `/vault/secrets/<name>`; each path is granted read-only. */
    readonly secrets?: Record<string, VaultSecretFile>;
    /** Extra path grants beyond the rendered secrets. */
    readonly paths?: VaultPathGrant[];
    /** Dynamic database credential roles (see VaultWorkloadIdentity). */
    readonly databaseCredentials?: DatabaseCredentialRole[];
    /** Dynamic AWS credential roles (see VaultWorkloadIdentity). */
    readonly awsCredentials?: AwsCredentialRole[];
    /** The Kubernetes auth mount; `kubernetes` by default. */
    readonly authBackend?: string;
    /** Token TTL in seconds (default 900) and max TTL (default 3600), bounded by the pack. */
    readonly tokenTtlSeconds?: number;
    readonly tokenMaxTtlSeconds?: number;
}

export interface SecureSyncJobAwsArgs {
    /** The cluster's IAM OIDC provider ARN (IRSA). */
    readonly oidcProviderArn: pulumi.Input<string>;
    /** Grants beyond the queue permissions derived from `produces` / `consumes`. */
    readonly grants?: IamGrant[];
    /** CIDRs of the VPC endpoints (STS, SQS, KMS) the job reaches AWS through. */
    readonly endpointCidrs: string[];
    /** An optional permissions boundary for the role. */
    readonly permissionsBoundaryArn?: pulumi.Input<string>;
}

export interface SecureSyncJobArgs extends DataOwnership {
    /** The mesh namespace to run in; created (named after the job) when absent. */
    readonly namespace?: MeshNamespace;
    /** The mesh of the namespace created when `namespace` is absent; `istio` by default. */
    readonly mesh?: MeshKind;
    /** Cron schedule, five fields. */
    readonly schedule: string;
    /** The container image (pin a version or digest). */
    readonly image: pulumi.Input<string>;
    /** Entrypoint and arguments. */
    readonly command?: pulumi.Input<pulumi.Input<string>[]>;
    readonly args?: pulumi.Input<pulumi.Input<string>[]>;
    /** Non-secret configuration as env values; secrets go through `vault.secrets`. */
    readonly env?: Record<string, string>;
    /** Named `https://` endpoints the job may reach; each becomes `<NAME>_URL`. */
    readonly endpoints?: Record<string, SyncEndpoint>;
    /** Vault: short-lived credentials rendered to files. Absent: the job gets no credentials. */
    readonly vault?: SecureSyncJobVaultArgs;
    /** AWS access through IRSA. Required when the job produces to or consumes from queues. */
    readonly aws?: SecureSyncJobAwsArgs;
    /** Queues the job sends to; each becomes `<NAME>_QUEUE_URL`. */
    readonly produces?: Record<string, EncryptedQueue>;
    /** Queues the job receives from; each becomes `<NAME>_QUEUE_URL` and `<NAME>_DLQ_URL` (replay). */
    readonly consumes?: Record<string, EncryptedQueue>;
    /** Records per batch (`SYNC_CHUNK_SIZE`), so a failed batch can be replayed alone; 500 by default. */
    readonly chunkSize?: number;
    /** Retries of a failed run; 3 by default, at most the pack's maximum. */
    readonly backoffLimit?: number;
    /** A run is stopped after this many seconds; 3600 by default. */
    readonly activeDeadlineSeconds?: number;
    /** Container limits; `500m` / `256Mi` by default. */
    readonly cpuLimit?: string;
    readonly memoryLimit?: string;
    /** Non-root user id; 65532 by default. */
    readonly runAsUser?: number;
}

const CRON = /^(\S+\s+){4}\S+$|^@(hourly|daily|weekly|monthly|yearly|annually|midnight)$/;
const CIDR = /^(\d{1,3}\.){3}\d{1,3}\/(\d|[12]\d|3[0-2])$|^[0-9a-f:]+\/\d{1,3}$/i;
const QUANTITY = /^\d+(\.\d+)?(m|Ki|Mi|Gi|k|M|G)?$/;
const SECRETS_DIR = "/vault/secrets";
const CONTROL_PLANE: Record<MeshKind, { namespace: string; ports: number[] }> = {
    istio: { namespace: "istio-system", ports: [15012] },
    linkerd: { namespace: "linkerd", ports: [8080, 8086, 8090] },
};

/** What {@link validateSecureSyncJobArgs} derives from valid arguments: everything the children need. */
export interface SecureSyncJobPlan {
    /** The service account's (and the job's) name. */
    sa: string;
    owner: Record<string, string>;
    mesh: MeshKind;
    backoffLimit: number;
    activeDeadline: number;
    runAsUser: number;
    cpu: string;
    memory: string;
    /** Every env var of the container, literal ones first, then endpoints, queues and the chunk size. */
    env: { name: string; value: pulumi.Input<string> }[];
    /** The literal env values, for the asynchronous secret scan. */
    literalEnv: Record<string, string>;
    /** The NetworkPolicy's egress rules to the job's own endpoints, Vault and AWS. */
    egress: { to: Record<string, unknown>[]; ports: { protocol: string; port: number }[] }[];
    secretFiles: [string, VaultSecretFile][];
    produces: [string, EncryptedQueue][];
    consumes: [string, EncryptedQueue][];
}

/**
 * Checks a SecureSyncJob's arguments and derives its plan, before any resource exists: pure, no
 * engine and no mocks needed. Throws a `pulumi.ResourceError` naming the first argument that
 * would make the job non-compliant, and how to fix it.
 */
export function validateSecureSyncJobArgs(
    name: string,
    args: SecureSyncJobArgs,
): SecureSyncJobPlan {
    const check = new Checks("SecureSyncJob", name);
    const a = args ?? ({} as SecureSyncJobArgs);
    const sa = check.dnsLabel("name", name);
    const owner = ownershipLabels(check, a);
    if (a.namespace !== undefined && !(a.namespace instanceof MeshNamespace)) {
        check.refuse(
            "namespace",
            "is not a MeshNamespace, so the job would run outside the mesh's mutual TLS",
            "pass a MeshNamespace, or leave it out to create one",
        );
    }
    if (a.namespace !== undefined && a.mesh !== undefined) {
        check.refuse(
            "mesh",
            "is set together with `namespace`",
            "the namespace decides the mesh; leave `mesh` out",
        );
    }
    const mesh: MeshKind = a.namespace?.mesh ?? a.mesh ?? "istio";
    if (mesh !== "istio" && mesh !== "linkerd") {
        check.refuse(
            "mesh",
            `is ${JSON.stringify(mesh)}, so the job would run outside the mesh`,
            'use "istio" or "linkerd"',
        );
    }
    if (typeof a.schedule !== "string" || !CRON.test(a.schedule.trim())) {
        check.refuse(
            "schedule",
            `is ${JSON.stringify(a.schedule) ?? "missing"}, not a cron schedule`,
            'use five cron fields, e.g. "0 2 * * *"',
        );
    }
    if (a.image === undefined || (typeof a.image === "string" && a.image.trim() === "")) {
        check.refuse(
            "image",
            "is missing",
            "give the container image, pinned to a version or digest",
        );
    }
    const chunkSize = check.integer(
        "chunkSize",
        a.chunkSize,
        500,
        1,
        100000,
        "a failed batch is replayed whole",
    );
    const backoffLimit = check.integer(
        "backoffLimit",
        a.backoffLimit,
        3,
        0,
        MAX_BACKOFF_LIMIT,
        "retries must end",
    );
    const activeDeadline = check.integer(
        "activeDeadlineSeconds",
        a.activeDeadlineSeconds,
        3600,
        60,
        86400,
        "a run must not go on forever",
    );
    const runAsUser = check.integer("runAsUser", a.runAsUser, 65532, 1, 2147483647, "0 is root");
    const cpu = a.cpuLimit ?? "500m";
    const memory = a.memoryLimit ?? "256Mi";
    for (const [arg, q] of [
        ["cpuLimit", cpu],
        ["memoryLimit", memory],
    ] as const) {
        if (typeof q !== "string" || !QUANTITY.test(q)) {
            check.refuse(
                arg,
                `is ${JSON.stringify(q)}, not a Kubernetes quantity`,
                'use e.g. "500m" or "256Mi"',
            );
        }
    }

    const env: { name: string; value: pulumi.Input<string> }[] = [];
    const envNames = new Set<string>();
    const addEnv = (arg: string, key: string, value: pulumi.Input<string>) => {
        if (envNames.has(key)) {
            check.refuse(arg, `sets env "${key}" a second time`, "give each value one name");
        }
        envNames.add(key);
        env.push({ name: key, value });
    };
    const literalEnv = a.env ?? {};
    for (const [key, value] of Object.entries(literalEnv)) {
        const arg = `env["${key}"]`;
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
            check.refuse(arg, "is not a valid env variable name", "use letters, digits and '_'");
        }
        if (typeof value !== "string") {
            check.refuse(
                arg,
                "is not a literal string",
                "pass non-secret configuration as plain strings",
            );
        }
        if (
            /^AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN)$/i.test(key) ||
            (isSecretLikeKey(key) && !isClearlyNotSecret(value))
        ) {
            check.refuse(
                arg,
                "would put a credential in the pod spec, readable by anyone who can read the job",
                `put it in Vault and render it with \`vault.secrets\` to ${SECRETS_DIR}/<name>`,
            );
        }
        check.noPlaintextUrl(arg, value);
        addEnv(arg, key, value);
    }

    const egress: {
        to: Record<string, unknown>[];
        ports: { protocol: string; port: number }[];
    }[] = [];
    const egressTo = (arg: string, target: EgressTarget | undefined, ports: number[]) => {
        const hasCidrs = target?.cidrs !== undefined;
        const hasNs = target?.namespace !== undefined;
        if (hasCidrs === hasNs) {
            check.refuse(
                arg,
                "needs exactly one of `cidrs` or `namespace`",
                "say where the endpoint lives so egress can be limited to it",
            );
        }
        let to: Record<string, unknown>[];
        if (hasCidrs) {
            const cidrs = check.nonEmptyStrings(`${arg}.cidrs`, target!.cidrs);
            cidrs.forEach((c, i) => {
                if (!CIDR.test(c) || /\/0$/.test(c)) {
                    check.refuse(
                        `${arg}.cidrs[${i}]`,
                        `is "${c}", which is not one network's CIDR`,
                        "give the endpoint's own address range",
                    );
                }
            });
            to = cidrs.map((cidr) => ({ ipBlock: { cidr } }));
        } else {
            const ns = check.dnsLabel(`${arg}.namespace`, target!.namespace);
            to = [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": ns } } }];
        }
        egress.push({ to, ports: ports.map((port) => ({ protocol: "TCP", port })) });
    };

    for (const [key, ep] of Object.entries(a.endpoints ?? {})) {
        const arg = `endpoints["${key}"]`;
        const { port } = check.httpsUrl(`${arg}.url`, ep?.url);
        egressTo(arg, ep, [port]);
        addEnv(arg, `${envName(key)}_URL`, ep.url);
    }

    let vaultPort = 0;
    const secretFiles = Object.entries(a.vault?.secrets ?? {});
    if (a.vault !== undefined) {
        vaultPort = check.httpsUrl("vault.address", a.vault.address).port;
        egressTo("vault", a.vault, [vaultPort]);
        for (const [file, s] of secretFiles) {
            if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(file)) {
                check.refuse(
                    `vault.secrets["${file}"]`,
                    "is not a file name",
                    "use lower-case letters, digits, '-' and '.'",
                );
            }
            if (s?.template !== undefined && typeof s.template !== "string") {
                check.refuse(
                    `vault.secrets["${file}"].template`,
                    "is not a string",
                    "give a Consul template",
                );
            }
        }
    }

    const produces = Object.entries(a.produces ?? {});
    const consumes = Object.entries(a.consumes ?? {});
    if (
        (produces.length > 0 || consumes.length > 0 || (a.aws?.grants?.length ?? 0) > 0) &&
        a.aws === undefined
    ) {
        check.refuse(
            "aws",
            "is missing while the job uses queues or AWS grants",
            "give `aws.oidcProviderArn` so the job gets an IRSA role instead of keys",
        );
    }
    for (const [key, q] of [...produces, ...consumes]) {
        if (
            !q ||
            typeof q !== "object" ||
            !pulumi.Output.isInstance((q as EncryptedQueue).arn) ||
            !pulumi.Output.isInstance((q as EncryptedQueue).keyArn)
        ) {
            check.refuse(
                `queues["${key}"]`,
                "is not an EncryptedQueue, so it may hold personal data unencrypted",
                "build the queue with EncryptedQueue",
            );
        }
    }
    if (a.aws !== undefined) {
        egressTo("aws", { cidrs: a.aws.endpointCidrs }, [443]);
    }
    for (const [key, q] of produces) {
        addEnv(`produces["${key}"]`, `${envName(key)}_QUEUE_URL`, q.url);
    }
    for (const [key, q] of consumes) {
        addEnv(`consumes["${key}"]`, `${envName(key)}_QUEUE_URL`, q.url);
        addEnv(`consumes["${key}"]`, `${envName(key)}_DLQ_URL`, q.deadLetterQueueUrl);
    }
    addEnv("chunkSize", "SYNC_CHUNK_SIZE", String(chunkSize));
    return {
        sa,
        owner,
        mesh,
        backoffLimit,
        activeDeadline,
        runAsUser,
        cpu,
        memory,
        env,
        literalEnv,
        egress,
        secretFiles,
        produces,
        consumes,
    };
}

/** The Vault agent's settings a job's pods need: its role, the server and the auth mount. */
interface VaultAgent {
    roleName: pulumi.Input<string>;
    address: string;
    authBackend?: string;
}

/**
 * The pod template's annotations and volumes: a scratch `/tmp`; with Vault, the agent's injection
 * annotations, one secret file per `vault.secrets` entry and a projected, short-lived token for
 * the agent only (the pod mounts no service-account token itself); with Istio, a native sidecar.
 */
export function podAnnotationsAndVolumes(
    mesh: MeshKind,
    vault: VaultAgent | undefined,
    secretFiles: [string, VaultSecretFile][],
): {
    annotations: Record<string, pulumi.Input<string>>;
    volumes: k8s.types.input.core.v1.Volume[];
} {
    const annotations: Record<string, pulumi.Input<string>> = {};
    const volumes: k8s.types.input.core.v1.Volume[] = [
        { name: "tmp", emptyDir: { sizeLimit: "64Mi" } },
    ];
    if (vault) {
        Object.assign(annotations, {
            "vault.hashicorp.com/agent-inject": "true",
            "vault.hashicorp.com/role": vault.roleName,
            "vault.hashicorp.com/service": vault.address,
            "vault.hashicorp.com/auth-path": `auth/${vault.authBackend ?? "kubernetes"}`,
            "vault.hashicorp.com/agent-service-account-token-volume-name": "vault-token",
            "vault.hashicorp.com/agent-revoke-on-shutdown": "true",
            "vault.hashicorp.com/secret-volume-path": SECRETS_DIR,
        });
        for (const [file, s] of secretFiles) {
            annotations[`vault.hashicorp.com/agent-inject-secret-${file}`] = s.path;
            if (s.template !== undefined) {
                annotations[`vault.hashicorp.com/agent-inject-template-${file}`] = s.template;
            }
        }
        volumes.push({
            name: "vault-token",
            projected: {
                sources: [
                    {
                        serviceAccountToken: {
                            path: "token",
                            audience: "vault",
                            expirationSeconds: 600,
                        },
                    },
                ],
            },
        });
    }
    if (mesh === "istio") {
        annotations["sidecar.istio.io/nativeSidecar"] = "true";
    }
    return { annotations, volumes };
}

/**
 * The job's NetworkPolicy: no ingress; egress only to cluster DNS, the mesh's control plane and
 * the job's own endpoints (`egress`, from {@link validateSecureSyncJobArgs}).
 */
export function networkPolicySpec(
    sa: string,
    mesh: MeshKind,
    egress: SecureSyncJobPlan["egress"],
): k8s.types.input.networking.v1.NetworkPolicySpec {
    const cp = CONTROL_PLANE[mesh];
    return {
        podSelector: {
            matchLabels: {
                [SYNC_JOB_LABEL]: SYNC_JOB_LABEL_VALUE,
                "app.kubernetes.io/name": sa,
            },
        },
        policyTypes: ["Ingress", "Egress"],
        ingress: [],
        egress: [
            {
                to: [
                    {
                        namespaceSelector: {
                            matchLabels: {
                                "kubernetes.io/metadata.name": "kube-system",
                            },
                        },
                        podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
                    },
                ],
                ports: [
                    { protocol: "UDP", port: 53 },
                    { protocol: "TCP", port: 53 },
                ],
            },
            {
                to: [
                    {
                        namespaceSelector: {
                            matchLabels: {
                                "kubernetes.io/metadata.name": cp.namespace,
                            },
                        },
                    },
                ],
                ports: cp.ports.map((port) => ({ protocol: "TCP", port })),
            },
            ...egress,
        ],
    };
}

/** What the CronJob's pod template takes besides the plan. */
interface PodParts {
    schedule: string;
    labels: Record<string, string>;
    annotations: Record<string, pulumi.Input<string>>;
    volumes: k8s.types.input.core.v1.Volume[];
    image: pulumi.Input<string>;
    command?: pulumi.Input<pulumi.Input<string>[]>;
    args?: pulumi.Input<pulumi.Input<string>[]>;
    env: k8s.types.input.core.v1.EnvVar[];
}

/**
 * The CronJob: never concurrent, bounded retries and run time, a non-root read-only container
 * with every capability dropped, limits equal to requests, and the service account's token not
 * mounted.
 */
export function cronJobSpec(
    plan: SecureSyncJobPlan,
    pod: PodParts,
): k8s.types.input.batch.v1.CronJobSpec {
    return {
        schedule: pod.schedule,
        concurrencyPolicy: "Forbid",
        startingDeadlineSeconds: 600,
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 3,
        jobTemplate: {
            metadata: { labels: pod.labels },
            spec: {
                backoffLimit: plan.backoffLimit,
                activeDeadlineSeconds: plan.activeDeadline,
                template: {
                    metadata: { labels: pod.labels, annotations: pod.annotations },
                    spec: {
                        serviceAccountName: plan.sa,
                        automountServiceAccountToken: false,
                        restartPolicy: "Never",
                        securityContext: {
                            runAsNonRoot: true,
                            runAsUser: plan.runAsUser,
                            runAsGroup: plan.runAsUser,
                            fsGroup: plan.runAsUser,
                            seccompProfile: { type: "RuntimeDefault" },
                        },
                        containers: [
                            {
                                name: "sync",
                                image: pod.image,
                                command: pod.command,
                                args: pod.args,
                                env: pod.env,
                                securityContext: {
                                    allowPrivilegeEscalation: false,
                                    privileged: false,
                                    readOnlyRootFilesystem: true,
                                    runAsNonRoot: true,
                                    capabilities: { drop: ["ALL"] },
                                    seccompProfile: { type: "RuntimeDefault" },
                                },
                                resources: {
                                    limits: { cpu: plan.cpu, memory: plan.memory },
                                    requests: { cpu: plan.cpu, memory: plan.memory },
                                },
                                volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
                            },
                        ],
                        volumes: pod.volumes,
                    },
                },
            },
        },
    };
}

/**
 * A sync job that can only be built right: a CronJob (`concurrencyPolicy: Forbid`, bounded
 * `backoffLimit`, `activeDeadlineSeconds`) in a {@link MeshNamespace}, its own service account,
 * Vault Agent injection through a {@link VaultWorkloadIdentity}, IRSA through a
 * {@link LeastPrivilegeRole} holding the exact queue actions, a restrictive `securityContext`,
 * resource limits, a default-deny `NetworkPolicy` with egress only to DNS, the mesh control plane,
 * Vault, AWS endpoints and the named endpoints, and the data-ownership labels.
 */
export class SecureSyncJob extends pulumi.ComponentResource {
    public readonly meshNamespace: MeshNamespace;
    public readonly serviceAccount: k8s.core.v1.ServiceAccount;
    public readonly vaultIdentity?: VaultWorkloadIdentity;
    public readonly role?: LeastPrivilegeRole;
    public readonly networkPolicy: k8s.networking.v1.NetworkPolicy;
    public readonly cronJob: k8s.batch.v1.CronJob;
    /** Resolves when the secret detector has cleared every env value; rejects with the refusal. */
    public readonly envScan: Promise<void>;
    /** The service account's name (the job's name). */
    public readonly serviceAccountName: string;

    /**
     * Runs the secret detector over literal env values. Resolves when none is flagged; rejects with
     * a `pulumi.ResourceError` naming the first flagged variable (never its value).
     */
    static async scanEnv(name: string, env: Record<string, string>): Promise<void> {
        for (const [key, value] of Object.entries(env)) {
            const finding = await scanValue(value, key);
            if (finding) {
                new Checks("SecureSyncJob", name).refuse(
                    `env["${key}"]`,
                    `holds a value the secret detector flags (detector "${finding.detector}")`,
                    `put the secret in Vault and render it with \`vault.secrets\` to ${SECRETS_DIR}/<name> instead of an env value`,
                );
            }
        }
    }

    constructor(name: string, args: SecureSyncJobArgs, opts?: pulumi.ComponentResourceOptions) {
        const a = args ?? ({} as SecureSyncJobArgs);
        const plan = validateSecureSyncJobArgs(name, args);
        const { sa, owner, mesh, env, literalEnv, egress, secretFiles, produces, consumes } = plan;
        super("gdpr-guard:sync:SecureSyncJob", name, {}, opts);
        const child = { parent: this };
        this.serviceAccountName = sa;
        this.meshNamespace =
            a.namespace ??
            new MeshNamespace(`${name}-ns`, { mesh, namespaceName: sa, labels: owner }, child);
        const ns = this.meshNamespace.namespaceName;
        const labels = {
            [SYNC_JOB_LABEL]: SYNC_JOB_LABEL_VALUE,
            "app.kubernetes.io/name": sa,
            ...owner,
        };
        const inNs = { parent: this, dependsOn: [this.meshNamespace] };

        const usesVault = a.vault !== undefined;
        if (a.vault !== undefined) {
            this.vaultIdentity = new VaultWorkloadIdentity(
                `${name}-vault`,
                {
                    namespace: ns,
                    serviceAccount: sa,
                    roleName: `${ns}-${sa}`,
                    backend: a.vault.authBackend,
                    audience: "vault",
                    paths: [
                        ...secretFiles.map(([, s]) => ({ path: s.path })),
                        ...(a.vault.paths ?? []),
                    ],
                    databaseCredentials: a.vault.databaseCredentials,
                    awsCredentials: a.vault.awsCredentials,
                    tokenTtlSeconds: a.vault.tokenTtlSeconds,
                    tokenMaxTtlSeconds: a.vault.tokenMaxTtlSeconds,
                },
                child,
            );
        }
        if (a.aws !== undefined) {
            const grants: IamGrant[] = [];
            // The queues' keys admit this account's principals through SQS only, so the role needs
            // the SQS actions alone; the key ARN (unknown during preview) stays out of the policy.
            for (const [, q] of produces) {
                grants.push({ actions: PRODUCER_ACTIONS, resources: [q.arn] });
            }
            for (const [, q] of consumes) {
                grants.push({
                    actions: CONSUMER_ACTIONS,
                    resources: [q.arn, q.deadLetterQueueArn],
                });
            }
            grants.push(...(a.aws.grants ?? []));
            if (grants.length > 0) {
                this.role = new LeastPrivilegeRole(
                    `${name}-role`,
                    {
                        oidcProviderArn: a.aws.oidcProviderArn,
                        namespace: ns,
                        serviceAccount: sa,
                        grants,
                        permissionsBoundaryArn: a.aws.permissionsBoundaryArn,
                        tags: owner,
                    },
                    child,
                );
            }
        }

        this.serviceAccount = new k8s.core.v1.ServiceAccount(
            `${name}-sa`,
            {
                metadata: {
                    name: sa,
                    namespace: ns,
                    labels: owner,
                    annotations: this.role ? { "eks.amazonaws.com/role-arn": this.role.arn } : {},
                },
                automountServiceAccountToken: false,
            },
            inNs,
        );

        // The detector is asynchronous: its verdict gates every env value, so a flagged value fails
        // the CronJob's registration (and the program) with the refusal.
        this.envScan = SecureSyncJob.scanEnv(name, literalEnv);
        const scanned = pulumi.output(this.envScan.then(() => true));
        const gatedEnv = env.map((e) => ({
            name: e.name,
            value: pulumi.all([scanned, e.value]).apply(([, v]) => v),
        }));

        const pod = podAnnotationsAndVolumes(
            mesh,
            usesVault && this.vaultIdentity
                ? {
                      roleName: this.vaultIdentity.roleName,
                      address: a.vault!.address,
                      authBackend: a.vault!.authBackend,
                  }
                : undefined,
            secretFiles,
        );

        this.networkPolicy = new k8s.networking.v1.NetworkPolicy(
            `${name}-netpol`,
            {
                metadata: { name: sa, namespace: ns, labels: owner },
                spec: networkPolicySpec(sa, mesh, egress),
            },
            inNs,
        );

        this.cronJob = new k8s.batch.v1.CronJob(
            `${name}-cronjob`,
            {
                metadata: { name: sa, namespace: ns, labels },
                spec: cronJobSpec(plan, {
                    schedule: a.schedule.trim(),
                    labels,
                    image: a.image,
                    command: a.command,
                    args: a.args,
                    env: gatedEnv,
                    ...pod,
                }),
            },
            {
                parent: this,
                dependsOn: [
                    this.meshNamespace,
                    this.serviceAccount,
                    this.networkPolicy,
                    ...(this.vaultIdentity ? [this.vaultIdentity] : []),
                    ...(this.role ? [this.role] : []),
                ],
            },
        );
        // Only plain values: a resource reference in a component's outputs cannot be read by policy packs.
        this.registerOutputs({ namespace: ns, serviceAccountName: sa, roleArn: this.role?.arn });
    }
}
