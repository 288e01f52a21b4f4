import type { Policies } from "@pulumi/policy";
import { enableKmsEncryption as eventBusEnableKmsEncryption } from "./aws/cloudwatch/enableKmsEncryption";
import { enableSecretsEncryption as eksEnableSecretsEncryption } from "./aws/eks/enableSecretsEncryption";
import { enableKmsEncryption as kinesisEnableKmsEncryption } from "./aws/kinesis/enableKmsEncryption";
import { enableServerSideEncryption as firehoseEnableServerSideEncryption } from "./aws/kinesis/enableServerSideEncryption";
import { enableSecurityConfiguration as glueEnableSecurityConfiguration } from "./aws/glue/enableSecurityConfiguration";
import { configureDeletionWindow as kmsConfigureDeletionWindow } from "./aws/kms/configureDeletionWindow";
import { disallowExternalFullAccess as kmsDisallowExternalFullAccess } from "./aws/kms/disallowExternalFullAccess";
import { enableKeyRotation as kmsEnableKeyRotation } from "./aws/kms/enableKeyRotation";
import { enableStorageEncryption as docdbEnableStorageEncryption } from "./aws/docdb/enableStorageEncryption";
import { enableEncryption as ebsEnableEncryption } from "./aws/ebs/enableEncryption";
import { enableEncryption as efsEnableEncryption } from "./aws/efs/enableEncryption";
import { enableAtRestEncryption as elasticacheEnableAtRestEncryption } from "./aws/elasticache/enableAtRestEncryption";
import { enforceCustomerManagedKey as kmsEnforceCustomerManagedKey } from "./aws/kms/enforceCustomerManagedKey";
import { enableStorageEncryption as neptuneEnableStorageEncryption } from "./aws/neptune/enableStorageEncryption";
import { enableEncryptionAtRest as opensearchEnableEncryptionAtRest } from "./aws/opensearch/enableEncryptionAtRest";
import { enableStorageEncryption as rdsEnableStorageEncryption } from "./aws/rds/enableStorageEncryption";
import { enableEncryption as redshiftEnableEncryption } from "./aws/redshift/enableEncryption";
import { enableKmsEncryption as mqEnableKmsEncryption } from "./aws/mq/enableKmsEncryption";
import { enableKmsEncryption as mskEnableKmsEncryption } from "./aws/msk/enableKmsEncryption";
import { enableKmsEncryption as s3EnableKmsEncryption } from "./aws/s3/enableKmsEncryption";
import { enableKmsEncryption as snsEnableKmsEncryption } from "./aws/sns/enableKmsEncryption";
import { enableKmsEncryption as sqsEnableKmsEncryption } from "./aws/sqs/enableKmsEncryption";
import { enforceCustomerManagedKey as sqsEnforceCustomerManagedKey } from "./aws/sqs/enforceCustomerManagedKey";
import { enforceEncryptedQueues as syncJobEnforceEncryptedQueues } from "./kubernetes/syncjob/enforceEncryptedQueues";

/** The `encryption` family, in documentation order. */
export const encryptionPolicies: Policies = [
    sqsEnableKmsEncryption,
    sqsEnforceCustomerManagedKey,
    snsEnableKmsEncryption,
    kinesisEnableKmsEncryption,
    firehoseEnableServerSideEncryption,
    glueEnableSecurityConfiguration,
    mskEnableKmsEncryption,
    mqEnableKmsEncryption,
    eventBusEnableKmsEncryption,
    s3EnableKmsEncryption,
    kmsEnableKeyRotation,
    kmsConfigureDeletionWindow,
    kmsDisallowExternalFullAccess,
    // Data stores: storage encryption, then the key they use
    rdsEnableStorageEncryption,
    docdbEnableStorageEncryption,
    neptuneEnableStorageEncryption,
    redshiftEnableEncryption,
    elasticacheEnableAtRestEncryption,
    opensearchEnableEncryptionAtRest,
    efsEnableEncryption,
    ebsEnableEncryption,
    kmsEnforceCustomerManagedKey,
    eksEnableSecretsEncryption,
    // Stack rules that demand the components (SecureSyncJob)
    syncJobEnforceEncryptedQueues,
];
