import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { asArray, asObject } from "../../../../lib/read";
import { outsideSyncPathTagsProperty } from "../../../../lib/sharedConfig";
import { DEFAULT_OUTSIDE_SYNC_PATH_TAGS, matchesTags, readTags } from "../../../../lib/syncPath";

const NAME = "aws-s3-bucket-enable-access-logging";
const BUCKETS = new Set(["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"]);
const LOGGING = new Set([
    "aws:s3/bucketLogging:BucketLogging",
    "aws:s3/bucketLoggingV2:BucketLoggingV2",
]);

/** Policy config of {@link enableAccessLogging}. */
export interface EnableAccessLoggingConfig {
    /** Tags (key to value) that mark a bucket as outside the sync path. */
    outsideSyncPathTags?: Record<string, string>;
}

const named = (v: unknown): v is string => typeof v === "string" && v !== "";
const urns = (r: PolicyResource, prop: string): string[] =>
    asArray(asObject(r.propertyDependencies)[prop])
        .filter((d) => d && typeof d.urn === "string")
        .map((d) => d.urn);

/**
 * True when a bucket has an inline logging block (`logging`, or a non-empty `loggings`); a state
 * export lists them empty when there are none. The target inside is not read: during preview it is
 * often the unknown name of a bucket being created.
 */
function logsInline(props: Record<string, any>): boolean {
    return (
        ("logging" in props && Object.keys(asObject(props.logging)).length > 0) ||
        ("loggings" in props && asArray(props.loggings).length > 0)
    );
}

/**
 * A bucket that stages sync batches is read and written by jobs, people and tools; its server
 * access log is the record of who fetched which object (Articles 30 and 32(1)(d)). Every bucket in
 * the sync path (not tagged by `outsideSyncPathTags`) logs access, inline (`logging` /
 * `loggings`) or through an `aws.s3.BucketLogging` that names it — linked by the property
 * dependency of its `bucket`, or by the bucket's name. A bucket that receives other buckets' logs is
 * not asked to log itself (AWS advises against a bucket logging to itself).
 */
export const enableAccessLogging: StackValidationPolicy = {
    name: NAME,
    description: "Checks that S3 buckets in the sync path have server access logging.",
    enforcementLevel: "advisory",
    severity: "low",
    tags: tags("audit", "gdpr-art-30", "gdpr-art-32"),
    remediationSteps:
        "Add an `aws.s3.BucketLogging` with `bucket` set to the bucket and `targetBucket` to a separate log bucket (with its own retention), or tag the bucket as outside the sync path.",
    url: ruleUrl(NAME),
    configSchema: { properties: { outsideSyncPathTags: outsideSyncPathTagsProperty } },
    validateStack: (args, reportViolation) => {
        const exempt =
            args.getConfig<EnableAccessLoggingConfig>().outsideSyncPathTags ??
            DEFAULT_OUTSIDE_SYNC_PATH_TAGS;
        const buckets: PolicyResource[] = [];
        // Buckets that log and buckets that receive logs: by URN (property dependencies, known during
        // preview), and by name only for a BucketLogging that names a bucket outside the program.
        const byUrn = new Set<string>();
        const byName = new Set<string>();
        for (const r of args.resources) {
            if (BUCKETS.has(r.type)) {
                buckets.push(r);
                for (const u of [...urns(r, "logging"), ...urns(r, "loggings")]) {
                    byUrn.add(u);
                }
            } else if (LOGGING.has(r.type)) {
                for (const prop of ["bucket", "targetBucket"]) {
                    const linked = urns(r, prop);
                    linked.forEach((u) => byUrn.add(u));
                    if (linked.length === 0 && named(r.props[prop])) {
                        byName.add(r.props[prop]);
                    }
                }
            }
        }
        for (const b of buckets) {
            if (byUrn.has(b.urn) || logsInline(b.props)) {
                continue;
            }
            if (matchesTags(readTags(b.props.tags), exempt)) {
                continue;
            }
            // Names are read only when a BucketLogging is linked by name alone.
            if (
                byName.size > 0 &&
                [b.props.bucket, b.props.id].some((n) => named(n) && byName.has(n))
            ) {
                continue;
            }
            reportViolation(
                `S3 bucket "${b.name}" has no server access logging (no \`logging\` and no aws.s3.BucketLogging in the stack names it), so there is no record of who read or wrote the personal data staged in it; add an aws.s3.BucketLogging with \`bucket\` set to it and \`targetBucket\` set to a separate log bucket.`,
                b.urn,
            );
        }
    },
};
