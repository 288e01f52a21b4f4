import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isWorkload, metadataOf, podTemplate } from "../../../../lib/k8s";
import { ruleUrl, tags } from "../../../../lib/meta";
import { asObject, stringMap } from "../../../../lib/read";
import { outsideSyncPathTagsProperty, ownershipLabelsProperty } from "../../../../lib/sharedConfig";
import {
    DEFAULT_OUTSIDE_SYNC_PATH_TAGS,
    DEFAULT_OWNERSHIP_LABELS,
    isSyncJobLabelled,
    matchesTags,
    readTags,
} from "../../../../lib/syncPath";

const NAME = "pulumi-stack-resource-enforce-ownership-labels";

/** Resource types in the sync path by default: where personal data waits, moves, or is keyed. */
const DEFAULT_SYNC_PATH_TYPES: readonly string[] = [
    "aws:sqs/queue:Queue",
    "aws:sns/topic:Topic",
    "aws:kinesis/stream:Stream",
    "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
    "aws:msk/cluster:Cluster",
    "aws:mq/broker:Broker",
    "aws:cloudwatch/eventBus:EventBus",
    "aws:kms/key:Key",
    "aws:s3/bucket:Bucket",
    "aws:s3/bucketV2:BucketV2",
    "kubernetes:batch/v1:Job",
    "kubernetes:batch/v1:CronJob",
];

/** Policy config of {@link enforceOwnershipLabels}. */
export interface EnforceOwnershipLabelsConfig {
    /** Tag / label keys every sync-path resource carries. */
    requiredLabels?: string[];
    /** Type tokens that are in the sync path (Kubernetes workloads labelled as sync jobs always are). */
    syncPathTypes?: string[];
    /** Tags or labels (key to value) that take a resource out of the sync path. */
    outsideSyncPathTags?: Record<string, string>;
}

function stringList(value: unknown, fallback: readonly string[]): string[] {
    return Array.isArray(value)
        ? value.filter((v): v is string => typeof v === "string")
        : [...fallback];
}

/**
 * Records of processing (Article 30) are only as good as the inventory behind them: every resource
 * in a sync path says who owns the personal data and what category it is, so the record can be
 * produced from the stack.
 */
export const enforceOwnershipLabels: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that resources in a sync path carry the configured data-ownership tags or labels.",
    enforcementLevel: "advisory",
    severity: "low",
    tags: tags("audit", "gdpr-art-30"),
    remediationSteps:
        "Add the ownership tags (AWS `tags` or the provider's `defaultTags`) or labels (Kubernetes `metadata.labels`), by default `data-owner` and `data-category`.",
    url: ruleUrl(NAME),
    configSchema: {
        properties: {
            requiredLabels: ownershipLabelsProperty,
            syncPathTypes: {
                type: "array",
                items: { type: "string" },
                default: [...DEFAULT_SYNC_PATH_TYPES],
                description:
                    "Type tokens in the sync path; Kubernetes workloads labelled gdpr-guard.io/sync-job are always in it.",
            },
            outsideSyncPathTags: outsideSyncPathTagsProperty,
        },
    },
    validateResource: (args, reportViolation) => {
        const config = args.getConfig<EnforceOwnershipLabelsConfig>();
        const types = stringList(config.syncPathTypes, DEFAULT_SYNC_PATH_TYPES);
        const kubernetes = args.type.startsWith("kubernetes:");
        let inPath = types.includes(args.type);
        if (!inPath && kubernetes && isWorkload(args.type)) {
            const template = podTemplate(args.type, args.props);
            inPath =
                isSyncJobLabelled(metadataOf(args.props).labels) ||
                isSyncJobLabelled(template?.metadata.labels);
        }
        if (!inPath) {
            return;
        }
        let present: Record<string, string>;
        if (kubernetes) {
            present = stringMap(metadataOf(args.props).labels);
        } else {
            const defaults = readTags(asObject(readObject(args.provider?.props?.defaultTags)).tags);
            present = {
                ...defaults,
                ...readTags(args.props.tagsAll),
                ...readTags(args.props.tags),
            };
        }
        const exempt = config.outsideSyncPathTags ?? DEFAULT_OUTSIDE_SYNC_PATH_TAGS;
        if (matchesTags(present, exempt)) {
            args.notApplicable("The resource is tagged as outside the sync path.");
        }
        const required = stringList(config.requiredLabels, DEFAULT_OWNERSHIP_LABELS);
        const missing = required.filter((k) => (present[k] ?? "").trim() === "");
        if (missing.length === 0) {
            return;
        }
        const what = kubernetes ? "labels" : "tags";
        const where = kubernetes
            ? "`metadata.labels` (SecureSyncJob does)"
            : "`tags` (or the AWS provider's `defaultTags`)";
        reportViolation(
            `${args.type} "${args.name}" lacks the ownership ${what} ${missing.map((k) => `"${k}"`).join(", ")}, so a record of processing cannot say who owns this personal data or what category it is; add them to ${where}.`,
        );
    },
};

/** Provider settings arrive as JSON strings; reads one as an object, or returns it unchanged. */
function readObject(value: unknown): unknown {
    if (typeof value !== "string") {
        return value;
    }
    try {
        return JSON.parse(value);
    } catch {
        return undefined;
    }
}
