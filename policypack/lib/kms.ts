// Readers for KMS key references and KMS key resources, shared by every encryption rule: a queue,
// topic, stream or broker names its key the same ways (key id, key ARN, alias, alias ARN), and an
// AWS-managed alias (`alias/aws/sqs`) is recognised once, here.

/** What a `kmsMasterKeyId` / `kmsKeyId` / `keyArn` property refers to. */
export type KeyRef =
    /** No key: the property is absent, empty or not a string. */
    | { kind: "missing" }
    /** An AWS-managed key alias (`alias/aws/sqs`, or its alias ARN): the organisation cannot control it. */
    | { kind: "aws-managed"; alias: string }
    /** Anything else: a key id, key ARN, or a customer alias. */
    | { kind: "customer"; value: string };

// `alias/aws/<service>` or `arn:<partition>:kms:<region>:<account>:alias/aws/<service>`.
const AWS_MANAGED_ALIAS = /^(?:arn:[a-z-]+:kms:[^:]*:[^:]*:)?(alias\/aws\/[A-Za-z0-9/_-]+)$/;

/**
 * Reads a key reference. An unknown value (during preview) is read through the policy proxy, which
 * throws the framework's UnknownValueError before this function sees it.
 */
export function readKeyRef(value: unknown): KeyRef {
    if (typeof value !== "string" || value.trim() === "") {
        return { kind: "missing" };
    }
    const trimmed = value.trim();
    const m = AWS_MANAGED_ALIAS.exec(trimmed);
    if (m) {
        return { kind: "aws-managed", alias: m[1] };
    }
    return { kind: "customer", value: trimmed };
}

/** True for `alias/aws/<service>` and its alias ARN. */
export function isAwsManagedAlias(value: unknown): boolean {
    return readKeyRef(value).kind === "aws-managed";
}

/**
 * True when a `aws:kms/key:Key`'s inputs describe a symmetric encryption key (the only kind KMS can
 * rotate automatically): `keySpec`/`customerMasterKeySpec` absent or `SYMMETRIC_DEFAULT`, and
 * `keyUsage` absent or `ENCRYPT_DECRYPT`.
 */
export function isSymmetricEncryptionKey(props: Record<string, any>): boolean {
    const spec = props.keySpec ?? props.customerMasterKeySpec;
    const usage = props.keyUsage;
    const specOk =
        spec === undefined || spec === null || spec === "" || spec === "SYMMETRIC_DEFAULT";
    const usageOk =
        usage === undefined || usage === null || usage === "" || usage === "ENCRYPT_DECRYPT";
    return specOk && usageOk;
}
