// Personal data at rest: how the AWS data stores say whether they encrypt their storage and with
// which key, read once for the storage-encryption rules and the customer-managed-key rule. Switches
// are read with `readFlag` (lib/read.ts): a boolean, its provider string or the wrong type; a value
// unknown during preview is read through the policy proxy, which throws the framework's
// UnknownValueError before it gets here.
import type { ReportViolation, ResourceValidationArgs } from "@pulumi/policy";
import { readKeyRef } from "./kms";
import { asObject, flagProblem, readFlag } from "./read";

/** True when an RDS cluster is Aurora Serverless v1, which AWS always encrypts. */
export function isAuroraServerlessV1(props: Record<string, any>): boolean {
    return typeof props.engineMode === "string" && props.engineMode.toLowerCase() === "serverless";
}

/** The engine of an ElastiCache cache, lower-cased; `redis` when unset (the provider's default). */
export function cacheEngine(props: Record<string, any>): string {
    return typeof props.engine === "string" && props.engine.trim() !== ""
        ? props.engine.trim().toLowerCase()
        : "redis";
}

/** True when an `aws.elasticache.Cluster` joins a replication group: the group is the one checked. */
export function joinsReplicationGroup(props: Record<string, any>): boolean {
    const group = props.replicationGroupId;
    return typeof group === "string" && group.trim() !== "";
}

/**
 * The message of a storage-encryption rule: the store, the switch that leaves it unencrypted, the
 * consequence and the fix.
 */
export function unencryptedMessage(label: string, name: string, why: string, fix: string): string {
    return `${label} "${name}" does not encrypt its storage at rest (${why}), so the personal data it holds sits on disk and in its snapshots in plaintext; ${fix}`;
}

/** One data store that holds personal data at rest. */
export interface AtRestStore {
    /** How messages name it: `RDS DB instance`. */
    label: string;
    /**
     * Why its storage is not encrypted at all, as a parenthesis for a message ("`storageEncrypted`
     * is false"), or undefined when it is. The storage-encryption rules report it.
     */
    unencrypted: (props: Record<string, any>) => string | undefined;
    /**
     * Why the store takes its encryption and key from another one (a read replica from its source),
     * so that the source is the one checked; undefined when it does not.
     */
    inherits?: (props: Record<string, any>) => string | undefined;
    /** The property that names its key, as messages show it. */
    keyProp: string;
    /** Why no key is named, when it is more than {@link keyProp} being unset. */
    noKey?: (props: Record<string, any>) => string;
    /** How to name a customer-managed key, when it takes more than setting {@link keyProp}. */
    keyFix?: string;
    /** The key reference itself. */
    key: (props: Record<string, any>) => unknown;
    /**
     * The key used when none is named: an AWS-managed alias (`alias/aws/rds`), or undefined for a key
     * AWS owns (not even listed in the account).
     */
    defaultKey: (props: Record<string, any>) => string | undefined;
}

const flag =
    (prop: string, defaultOn = false) =>
    (props: Record<string, any>) =>
        flagProblem(prop, props[prop], defaultOn);
const always = () => undefined;
const text = (value: unknown): string | undefined =>
    typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;

/**
 * An RDS database's `storageEncrypted`, with what a restore from a snapshot means for it: the
 * database is then encrypted exactly when the snapshot is, which the stack does not show.
 */
const rdsStorage =
    (defaultOn: (props: Record<string, any>) => boolean) => (p: Record<string, any>) => {
        const why = flagProblem("storageEncrypted", p.storageEncrypted, defaultOn(p));
        const snapshot = text(p.snapshotIdentifier);
        return why !== undefined && readFlag(p.storageEncrypted) === "unset" && snapshot
            ? `\`storageEncrypted\` is unset and it is restored from snapshot "${snapshot}", so it is encrypted only if that snapshot is`
            : why;
    };
const nested = (block: string) => (props: Record<string, any>) =>
    flagProblem(`${block}.enabled`, asObject(props[block]).enabled);
const managed = (alias: string) => () => alias;
const owned = () => undefined;

/** The data stores that hold personal data at rest, by type token. */
export const AT_REST_STORES: Record<string, AtRestStore> = {
    "aws:rds/instance:Instance": {
        label: "RDS DB instance",
        unencrypted: rdsStorage(() => false),
        inherits: (p) =>
            text(p.replicateSourceDb)
                ? "A read replica is encrypted exactly when its source is (a cross-region replica with `kmsKeyId` under that key); the source database is the one checked."
                : undefined,
        keyProp: "kmsKeyId",
        key: (p) => p.kmsKeyId,
        defaultKey: managed("alias/aws/rds"),
    },
    "aws:rds/cluster:Cluster": {
        label: "RDS DB cluster",
        unencrypted: rdsStorage(isAuroraServerlessV1),
        keyProp: "kmsKeyId",
        key: (p) => p.kmsKeyId,
        defaultKey: managed("alias/aws/rds"),
    },
    "aws:docdb/cluster:Cluster": {
        label: "DocumentDB cluster",
        unencrypted: flag("storageEncrypted"),
        keyProp: "kmsKeyId",
        key: (p) => p.kmsKeyId,
        defaultKey: managed("alias/aws/rds"),
    },
    "aws:neptune/cluster:Cluster": {
        label: "Neptune cluster",
        unencrypted: flag("storageEncrypted"),
        keyProp: "kmsKeyArn",
        key: (p) => p.kmsKeyArn,
        defaultKey: managed("alias/aws/rds"),
    },
    "aws:ebs/volume:Volume": {
        label: "EBS volume",
        unencrypted: flag("encrypted"),
        keyProp: "kmsKeyId",
        key: (p) => p.kmsKeyId,
        defaultKey: managed("alias/aws/ebs"),
    },
    "aws:efs/fileSystem:FileSystem": {
        label: "EFS file system",
        unencrypted: flag("encrypted"),
        keyProp: "kmsKeyId",
        key: (p) => p.kmsKeyId,
        defaultKey: managed("alias/aws/elasticfilesystem"),
    },
    "aws:elasticache/replicationGroup:ReplicationGroup": {
        label: "ElastiCache replication group",
        unencrypted: (p) =>
            flagProblem(
                "atRestEncryptionEnabled",
                p.atRestEncryptionEnabled,
                cacheEngine(p) === "valkey",
            ),
        keyProp: "kmsKeyId",
        key: (p) => p.kmsKeyId,
        // ElastiCache's default at-rest key is one the service owns.
        defaultKey: owned,
    },
    "aws:opensearch/domain:Domain": {
        label: "OpenSearch domain",
        unencrypted: nested("encryptAtRest"),
        keyProp: "encryptAtRest.kmsKeyId",
        key: (p) => asObject(p.encryptAtRest).kmsKeyId,
        defaultKey: managed("alias/aws/es"),
    },
    "aws:elasticsearch/domain:Domain": {
        label: "Elasticsearch domain",
        unencrypted: nested("encryptAtRest"),
        keyProp: "encryptAtRest.kmsKeyId",
        key: (p) => asObject(p.encryptAtRest).kmsKeyId,
        defaultKey: managed("alias/aws/es"),
    },
    "aws:redshift/cluster:Cluster": {
        label: "Redshift cluster",
        unencrypted: flag("encrypted", true),
        keyProp: "kmsKeyId",
        key: (p) => p.kmsKeyId,
        // Since January 2025 a cluster created without a key is encrypted with an AWS-owned key.
        defaultKey: owned,
    },
    "aws:dynamodb/table:Table": {
        label: "DynamoDB table",
        // DynamoDB always encrypts; `serverSideEncryption.enabled` chooses a KMS key over an
        // AWS-owned one.
        unencrypted: always,
        keyProp: "serverSideEncryption.kmsKeyArn",
        keyFix: "set `serverSideEncryption: { enabled: true, kmsKeyArn: <customer-managed key ARN> }`",
        noKey: (p) =>
            readFlag(asObject(p.serverSideEncryption).enabled) === "on"
                ? "`serverSideEncryption.kmsKeyArn` is unset"
                : "`serverSideEncryption.enabled` is not true",
        key: (p) => asObject(p.serverSideEncryption).kmsKeyArn,
        defaultKey: (p) =>
            readFlag(asObject(p.serverSideEncryption).enabled) === "on"
                ? "alias/aws/dynamodb"
                : undefined,
    },
    "aws:backup/vault:Vault": {
        label: "Backup vault",
        unencrypted: always,
        keyProp: "kmsKeyArn",
        key: (p) => p.kmsKeyArn,
        defaultKey: managed("alias/aws/backup"),
    },
    "aws:cloudwatch/logGroup:LogGroup": {
        label: "CloudWatch log group",
        unencrypted: always,
        keyProp: "kmsKeyId",
        key: (p) => p.kmsKeyId,
        // Without a key, CloudWatch Logs encrypts with a key the service owns.
        defaultKey: owned,
    },
};

/**
 * Why a data store's key is not one the organisation controls, or undefined when it is (or when the
 * store is not encrypted at all, which the storage-encryption rules report). `requireCustomerManagedKey`
 * false accepts AWS-managed keys (`alias/aws/<service>`), never a key AWS owns.
 */
export function keyProblem(
    store: AtRestStore,
    props: Record<string, any>,
    requireCustomerManagedKey: boolean,
): string | undefined {
    if (store.unencrypted(props) !== undefined) {
        return undefined;
    }
    const key = readKeyRef(store.key(props));
    if (key.kind === "customer") {
        return undefined;
    }
    if (key.kind === "aws-managed") {
        return requireCustomerManagedKey
            ? `is encrypted with the AWS-managed key "${key.alias}" named in \`${store.keyProp}\``
            : undefined;
    }
    const fallback = store.defaultKey(props);
    const why = store.noKey?.(props) ?? `\`${store.keyProp}\` is unset`;
    if (fallback === undefined) {
        return `is encrypted with a key AWS owns, because ${why}`;
    }
    return requireCustomerManagedKey
        ? `is encrypted with the AWS-managed key "${fallback}", because ${why}`
        : undefined;
}

/**
 * The data store a resource is, or undefined for any other type; a store that inherits its
 * encryption from another (a read replica) is not applicable, with the reason.
 */
export function atRestStore(args: ResourceValidationArgs): AtRestStore | undefined {
    const store = AT_REST_STORES[args.type];
    const inherited = store?.inherits?.(args.props);
    if (inherited !== undefined) {
        args.notApplicable(inherited);
    }
    return store;
}

/**
 * The whole check of a storage-encryption rule, once the rule has matched its type tokens: a store
 * that inherits its encryption is not applicable, an unencrypted one is reported with `fix`.
 */
export function checkStorageEncryption(
    args: ResourceValidationArgs,
    reportViolation: ReportViolation,
    fix: string,
): void {
    const store = atRestStore(args);
    if (store === undefined) {
        return;
    }
    const why = store.unencrypted(args.props);
    if (why !== undefined) {
        reportViolation(unencryptedMessage(store.label, args.name, why, fix));
    }
}
