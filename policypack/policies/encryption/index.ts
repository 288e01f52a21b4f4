import type { Policies } from "@pulumi/policy";
import { enableKmsEncryption as eventBusEnableKmsEncryption } from "./aws/cloudwatch/enableKmsEncryption";
import { enableSecretsEncryption as eksEnableSecretsEncryption } from "./aws/eks/enableSecretsEncryption";
import { enableKmsEncryption as kinesisEnableKmsEncryption } from "./aws/kinesis/enableKmsEncryption";
import { enableServerSideEncryption as firehoseEnableServerSideEncryption } from "./aws/kinesis/enableServerSideEncryption";
import { configureDeletionWindow as kmsConfigureDeletionWindow } from "./aws/kms/configureDeletionWindow";
import { disallowExternalFullAccess as kmsDisallowExternalFullAccess } from "./aws/kms/disallowExternalFullAccess";
import { enableKeyRotation as kmsEnableKeyRotation } from "./aws/kms/enableKeyRotation";
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
    mskEnableKmsEncryption,
    mqEnableKmsEncryption,
    eventBusEnableKmsEncryption,
    s3EnableKmsEncryption,
    kmsEnableKeyRotation,
    kmsConfigureDeletionWindow,
    kmsDisallowExternalFullAccess,
    eksEnableSecretsEncryption,
    // Stack rules that demand the components (SecureSyncJob)
    syncJobEnforceEncryptedQueues,
];
