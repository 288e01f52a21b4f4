// The parts of policy config that many rules share, defined once: rules spread these property
// schemas into their `configSchema.properties` instead of copying them, so a default, a type or a
// description cannot drift between rules. Every fragment is a complete property schema (`type`,
// `default`, `description`); nested objects close themselves with `additionalProperties: false`
// (a rule's top-level schema cannot: @pulumi/policy does not transmit it, see `unknownConfigKeys`).
import type { PolicyConfigSchema } from "@pulumi/policy";
import { MAX_TOKEN_MAX_TTL_SECONDS, MAX_TOKEN_TTL_SECONDS } from "./limits";
import { DEFAULT_ROOT_NAMESPACE } from "./mesh";
import {
    DEFAULT_OUTSIDE_SYNC_PATH_TAGS,
    DEFAULT_OWNERSHIP_LABELS,
    SYNC_JOB_LABEL,
    SYNC_JOB_LABEL_VALUE,
} from "./syncPath";

/** One property schema, as @pulumi/policy types it. */
export type PropertySchema = PolicyConfigSchema["properties"][string];

/** Default upper bound (days from today) of an exemption's `expires`. */
export const DEFAULT_EXEMPTION_MAX_DAYS = 90;
/** Hard ceiling of `exemptionMaxDays`: no exemption runs longer than a year. */
export const EXEMPTION_MAX_DAYS_CEILING = 365;

/** The shape of one exemption in policy config (see `lib/exemptions.ts`). */
export interface ExemptionConfig {
    /** The policy name; optional (the config key already names it) but, when given, must match it. */
    policy?: string;
    /** A resource URN, or a URN glob (minimatch: `*` never crosses `/`, which resource types contain). */
    resource: string;
    /** Why the resource may not comply yet. */
    reason: string;
    /** Last day (UTC, `YYYY-MM-DD`) the exemption applies. */
    expires: string;
    /** Who approved it (a person or a ticket). */
    approvedBy: string;
}

/** The config every rule of the pack accepts, added to each rule by `withExemptions`. */
export interface SharedPolicyConfig {
    exemptions?: ExemptionConfig[];
    exemptionMaxDays?: number;
}

/**
 * `exemptions`: time-boxed, approved exceptions for named resources, owned by the platform team's
 * policy config (never by the application). `policyName` pins the optional `policy` field.
 */
export function exemptionsProperty(policyName: string): PropertySchema {
    return {
        type: "array",
        default: [],
        description:
            "Time-boxed exceptions owned by the platform team: each names a resource URN (or URN glob), the reason, the last day it applies (YYYY-MM-DD) and who approved it. An active exemption turns this rule's violation into an advisory notice.",
        items: {
            type: "object",
            additionalProperties: false,
            required: ["resource", "reason", "expires", "approvedBy"],
            properties: {
                policy: {
                    type: "string",
                    enum: [policyName],
                    description:
                        "The policy this exemption is for; must be the policy it is configured under.",
                },
                resource: {
                    type: "string",
                    pattern: "^urn:pulumi:",
                    description:
                        "A resource URN, or a URN glob such as urn:pulumi:prod::crm::aws:sqs/queue:Queue::legacy-*.",
                },
                reason: {
                    type: "string",
                    minLength: 10,
                    pattern: "\\S",
                    description: "Why the resource may not comply yet (at least 10 characters).",
                },
                expires: {
                    type: "string",
                    pattern: "^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$",
                    description: "The last day (UTC, YYYY-MM-DD) the exemption applies.",
                },
                approvedBy: {
                    type: "string",
                    minLength: 1,
                    pattern: "\\S",
                    description: "Who approved the exemption (a person or a ticket).",
                },
            },
        },
    };
}

/** `exemptionMaxDays`: how far ahead an exemption's `expires` may lie. */
export const exemptionMaxDaysProperty: PropertySchema = {
    type: "integer",
    default: DEFAULT_EXEMPTION_MAX_DAYS,
    minimum: 1,
    maximum: EXEMPTION_MAX_DAYS_CEILING,
    description: `The furthest an exemption's expires date may lie ahead of today, in days (at most ${EXEMPTION_MAX_DAYS_CEILING}); an exemption beyond it is invalid config.`,
};

/** `syncJobSelector`: the Kubernetes labels that mark a Job or CronJob as a data sync job. */
export const syncJobSelectorProperty: PropertySchema = {
    type: "object",
    default: { [SYNC_JOB_LABEL]: SYNC_JOB_LABEL_VALUE },
    additionalProperties: { type: "string" },
    description:
        "Labels (key to value) that mark a Job or CronJob, or its pod template, as a data sync job.",
};

/**
 * `allJobs`: widen the sync-job selection of the stack-level sync-job rules (`lib/syncPath.ts`)
 * from labelled Jobs and CronJobs to all of them.
 */
export const allJobsProperty: PropertySchema = {
    type: "boolean",
    default: false,
    description: "Treat every Job and CronJob as a sync job, labelled or not.",
};

/** The service meshes the pack understands. */
export const MESH_KINDS = ["istio", "linkerd"] as const;
export type MeshKind = (typeof MESH_KINDS)[number];

/** `meshKind`: which service mesh provides mTLS. */
export const meshKindProperty: PropertySchema = {
    type: "string",
    enum: [...MESH_KINDS],
    default: "istio",
    description: "The service mesh that provides mutual TLS between workloads: istio or linkerd.",
};

/**
 * `rootNamespace` / `assumeMeshStrict`: where the mesh-wide PeerAuthentication lives, for the rules
 * that read the stack's STRICT-mTLS map (`strictMtlsIndexFor` in `lib/mesh.ts`).
 */
export const meshScopeProperties: Record<"rootNamespace" | "assumeMeshStrict", PropertySchema> = {
    rootNamespace: {
        type: "string",
        default: DEFAULT_ROOT_NAMESPACE,
        description:
            "The Istio root namespace: a PeerAuthentication there without a selector is mesh-wide.",
    },
    assumeMeshStrict: {
        type: "boolean",
        default: false,
        description:
            "Treat the mesh-wide mTLS mode as STRICT when it is managed outside the stack.",
    },
};

/**
 * `outsideSyncPathTags`: tags or labels (key to value) that take a resource out of the sync path,
 * where the encryption and ownership rules relax. Set it alike on every rule that reads it.
 */
export const outsideSyncPathTagsProperty: PropertySchema = {
    type: "object",
    additionalProperties: { type: "string" },
    default: { ...DEFAULT_OUTSIDE_SYNC_PATH_TAGS },
    description:
        "Tags or labels (key to value) that take a resource out of the sync path; empty means every resource is in it. Set it alike on every rule that reads it.",
};

/** `allowSqsManagedSse`: accept SSE-SQS (an AWS-owned key) where a customer-managed key is asked. */
export const allowSqsManagedSseProperty: PropertySchema = {
    type: "boolean",
    default: false,
    description: "Accept SSE-SQS (an AWS-owned key) instead of a customer-managed KMS key.",
};

/** `allowedEnvNames`: env var names the env-scanning secret rules never report. */
export const allowedEnvNamesProperty: PropertySchema = {
    type: "array",
    items: { type: "string" },
    default: [],
    description:
        "Env var names that are never reported, e.g. a public client id or a build id the detector mistakes for a secret.",
};

/** `allowedHosts`: hosts the plaintext-URL rules never report. */
export const allowedHostsProperty: PropertySchema = {
    type: "array",
    items: { type: "string" },
    default: [],
    description: "Hosts exempt from the rule: exact names or `*.suffix` patterns.",
};

/** `requireCustomerManagedKey`: reject AWS-managed keys where a KMS key is required. */
export const requireCustomerManagedKeyProperty: PropertySchema = {
    type: "boolean",
    default: true,
    description:
        "Reject AWS-managed key aliases (alias/aws/<service>) where a KMS key is required: the organisation cannot rotate, restrict or audit them.",
};

/**
 * `remediationKmsKeyId`: the key a rule's remediation puts on an unencrypted resource. Empty means
 * remediation never picks a key itself: choosing one is the platform team's decision.
 */
export const remediationKmsKeyIdProperty: PropertySchema = {
    type: "string",
    default: "",
    description:
        "The customer-managed KMS key (key id, key ARN or alias) that remediation sets as kmsMasterKeyId when the rule runs at level remediate; empty: remediation does not choose a key.",
};

/** `maxTokenTtl` / `maxTokenMaxTtl`: Vault TTL ceilings in seconds, shared with the components. */
export const ttlMaximaProperties: Record<"maxTokenTtl" | "maxTokenMaxTtl", PropertySchema> = {
    maxTokenTtl: {
        type: "number",
        default: MAX_TOKEN_TTL_SECONDS,
        minimum: 1,
        description: "The longest token or credential TTL allowed, in seconds.",
    },
    maxTokenMaxTtl: {
        type: "number",
        default: MAX_TOKEN_MAX_TTL_SECONDS,
        minimum: 1,
        description:
            "The longest token or credential max TTL (renewals included) allowed, in seconds.",
    },
};

/** `requiredLabels`: the ownership labels/tags that record who owns the personal data (Article 30). */
export const ownershipLabelsProperty: PropertySchema = {
    type: "array",
    items: { type: "string", minLength: 1 },
    uniqueItems: true,
    default: [...DEFAULT_OWNERSHIP_LABELS],
    description:
        "Tag or label keys every sync-path resource must carry to record who owns the personal data and what category it is (Article 30).",
};

/** The shared properties `withExemptions` adds to every rule's schema. */
export function sharedProperties(
    policyName: string,
): Record<keyof SharedPolicyConfig, PropertySchema> {
    return {
        exemptions: exemptionsProperty(policyName),
        exemptionMaxDays: exemptionMaxDaysProperty,
    };
}

/**
 * Config keys a rule does not declare. The engine cannot reject them (a pack's top-level schema
 * has no `additionalProperties`), so the pack reports them: a misspelt threshold must not be
 * silently ignored.
 */
export function unknownConfigKeys(
    schema: PolicyConfigSchema | undefined,
    config: unknown,
): string[] {
    if (config === null || typeof config !== "object" || Array.isArray(config)) {
        return [];
    }
    const known = new Set(Object.keys(schema?.properties ?? {}));
    known.add("enforcementLevel");
    return Object.keys(config)
        .filter((k) => !known.has(k))
        .sort();
}
