import type { Policies } from "@pulumi/policy";
import { enableKmsEncryption as sqsEnableKmsEncryption } from "./aws/sqs/enableKmsEncryption";

/** The `encryption` family, in documentation order. */
export const encryptionPolicies: Policies = [sqsEnableKmsEncryption];
