import type { ResourceValidationPolicy } from "@pulumi/policy";
import { atRestStore, keyProblem } from "../../../../lib/atRest";
import { ruleUrl, tags } from "../../../../lib/meta";
import {
    outsideSyncPathTagsProperty,
    requireCustomerManagedKeyProperty,
} from "../../../../lib/sharedConfig";
import { DEFAULT_OUTSIDE_SYNC_PATH_TAGS, matchesTags, readTags } from "../../../../lib/syncPath";

const NAME = "aws-kms-datastore-enforce-customer-managed-key";

/** Policy config of {@link enforceCustomerManagedKey}. */
export interface EnforceCustomerManagedKeyConfig {
    /** Report AWS-managed keys (`alias/aws/<service>`) too; false reports only keys AWS owns. */
    requireCustomerManagedKey?: boolean;
    /** Tags (key to value) that mark a store as holding no personal data. */
    outsideSyncPathTags?: Record<string, string>;
}

/**
 * A data store encrypted under a key the organisation does not control can be read by whoever the
 * service lets in, and cannot be made unreadable at once (Article 32(1)(a); crypto-shredding is how
 * a whole store is erased under Article 17): RDS and Aurora databases, DocumentDB and Neptune
 * clusters, EBS volumes, EFS file systems, ElastiCache replication groups, OpenSearch and
 * Elasticsearch domains, Redshift clusters, DynamoDB tables, Backup vaults and CloudWatch log groups
 * are encrypted with a customer-managed KMS key. Advisory, because the service keys do encrypt: a
 * platform team that demands its own keys for personal data sets this rule's `enforcementLevel` to
 * `mandatory`. With `requireCustomerManagedKey: false` it accepts AWS-managed keys
 * (`alias/aws/rds`, listed in the account and logged in CloudTrail) and reports only keys AWS owns
 * (DynamoDB's and CloudWatch Logs' defaults, ElastiCache's and Redshift's when no key is named).
 * Stores tagged as outside the sync path are not reported; an unencrypted store is the
 * storage-encryption rules' finding, not this one's.
 */
export const enforceCustomerManagedKey: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that data stores holding personal data are encrypted with a customer-managed KMS key.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: tags("encryption", "gdpr-art-32"),
    remediationSteps:
        "Create an `aws.kms.Key` with rotation enabled and name it in the store's key property (`kmsKeyId`, `kmsKeyArn`, `encryptAtRest.kmsKeyId` or `serverSideEncryption: { enabled: true, kmsKeyArn }`); for most stores a new key means re-creating the store from a snapshot or backup.",
    url: ruleUrl(NAME),
    configSchema: {
        properties: {
            requireCustomerManagedKey: requireCustomerManagedKeyProperty,
            outsideSyncPathTags: outsideSyncPathTagsProperty,
        },
    },
    validateResource: (args, reportViolation) => {
        const store = atRestStore(args);
        if (store === undefined) {
            return;
        }
        const config = args.getConfig<EnforceCustomerManagedKeyConfig>();
        if (
            matchesTags(
                readTags(args.props.tags),
                config.outsideSyncPathTags ?? DEFAULT_OUTSIDE_SYNC_PATH_TAGS,
            )
        ) {
            args.notApplicable("The store is tagged as outside the sync path.");
        }
        const why = keyProblem(store, args.props, config.requireCustomerManagedKey ?? true);
        if (why !== undefined) {
            reportViolation(
                `${store.label} "${args.name}" ${why}, which this organisation cannot restrict, rotate on its own terms or revoke to make the data unreadable; ${store.keyFix ?? `name a customer-managed KMS key in \`${store.keyProp}\``}.`,
            );
        }
    },
};
