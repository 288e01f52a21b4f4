// Where IAM policy documents live in resource inputs: identity, trust and resource policies, and
// how messages name the resource that holds them.
/** A policy document found in a resource's inputs, with how a message should name its place. */
export interface FoundDocument {
    /** e.g. `policy`, `inline policy "read-queue"`, `assumeRolePolicy`. */
    place: string;
    /** The raw value (JSON string or object); parse with {@link parsePolicyDocument}. */
    doc: unknown;
}

/** Identity-policy types whose `policy` input is the document (see {@link PERMISSION_SET_POLICY}). */
export const IDENTITY_POLICY_TYPES: Record<string, string> = {
    "aws:iam/policy:Policy": "IAM policy",
    "aws:iam/rolePolicy:RolePolicy": "IAM role policy",
    "aws:iam/userPolicy:UserPolicy": "IAM user policy",
    "aws:iam/groupPolicy:GroupPolicy": "IAM group policy",
    "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy":
        "IAM Identity Center permission set inline policy",
};

/**
 * An IAM Identity Center permission set's inline policy: an identity policy like the others (AWS
 * provisions it into a role in every account the set is assigned to), in its `inlinePolicy` input.
 */
export const PERMISSION_SET_POLICY =
    "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy";

/** How a message names a resource that carries IAM documents (`IAM role policy`, `IAM role` …). */
export function iamSubject(type: string): string {
    return (
        IDENTITY_POLICY_TYPES[type] ??
        RESOURCE_POLICY_TYPES[type]?.subject ??
        (type === "aws:iam/role:Role" ? "IAM role" : type)
    );
}

/**
 * Identity policies (what a principal may do): `aws.iam.Policy`, `RolePolicy`, `UserPolicy`,
 * `GroupPolicy`, a role's `inlinePolicies` and an Identity Center permission set's inline policy.
 */
export function identityPolicyDocuments(type: string, props: Record<string, any>): FoundDocument[] {
    if (type === PERMISSION_SET_POLICY) {
        return [{ place: "inlinePolicy", doc: props.inlinePolicy }];
    }
    if (type in IDENTITY_POLICY_TYPES) {
        return [{ place: "policy", doc: props.policy }];
    }
    if (type === "aws:iam/role:Role") {
        const inline = props.inlinePolicies;
        if (!Array.isArray(inline)) {
            return [];
        }
        const out: FoundDocument[] = [];
        inline.forEach((p: unknown, i: number) => {
            if (p === null || typeof p !== "object") {
                return;
            }
            const entry = p as Record<string, unknown>;
            // An inline policy without a document is how a role says "no inline policies".
            if (entry.policy === undefined || entry.policy === "") {
                return;
            }
            const name =
                typeof entry.name === "string"
                    ? `inline policy "${entry.name}"`
                    : `inline policy #${i}`;
            out.push({ place: name, doc: entry.policy });
        });
        return out;
    }
    return [];
}

/** The trust policy of an IAM role, or undefined for other types. */
export function trustPolicyDocument(
    type: string,
    props: Record<string, any>,
): FoundDocument | undefined {
    return type === "aws:iam/role:Role"
        ? { place: "assumeRolePolicy", doc: props.assumeRolePolicy }
        : undefined;
}

/** Resource-policy types: where the document sits and what "Resource: *" means there. */
export const RESOURCE_POLICY_TYPES: Record<
    string,
    { subject: string; prop: string; required: boolean }
> = {
    "aws:sqs/queuePolicy:QueuePolicy": {
        subject: "SQS queue policy",
        prop: "policy",
        required: true,
    },
    "aws:sqs/queue:Queue": { subject: "SQS queue", prop: "policy", required: false },
    "aws:sns/topicPolicy:TopicPolicy": {
        subject: "SNS topic policy",
        prop: "policy",
        required: true,
    },
    "aws:sns/topic:Topic": { subject: "SNS topic", prop: "policy", required: false },
    "aws:s3/bucketPolicy:BucketPolicy": {
        subject: "S3 bucket policy",
        prop: "policy",
        required: true,
    },
    "aws:s3/bucket:Bucket": { subject: "S3 bucket", prop: "policy", required: false },
    "aws:s3/bucketV2:BucketV2": { subject: "S3 bucket", prop: "policy", required: false },
    "aws:kms/key:Key": { subject: "KMS key", prop: "policy", required: false },
    "aws:kms/keyPolicy:KeyPolicy": {
        subject: "KMS key policy",
        prop: "policy",
        required: true,
    },
};

/**
 * The resource policy of a queue, topic, bucket or KMS key (in a KMS key policy `Resource: "*"`
 * means "this key"). Undefined when the type has none, or when an optional inline `policy` is absent.
 */
export function resourcePolicyDocument(
    type: string,
    props: Record<string, any>,
): FoundDocument | undefined {
    const entry = RESOURCE_POLICY_TYPES[type];
    if (!entry) {
        return undefined;
    }
    const doc = props[entry.prop];
    if (!entry.required && (doc === undefined || doc === null || doc === "")) {
        return undefined;
    }
    return { place: entry.prop, doc };
}
