import type { Policies } from "@pulumi/policy";
import { enforceOwnershipLabels as stackEnforceOwnershipLabels } from "./pulumi/stack/enforceOwnershipLabels";
import { enableAuditDevice as vaultEnableAuditDevice } from "./vault/sys/enableAuditDevice";

/** The `audit` family, in documentation order. */
export const auditPolicies: Policies = [vaultEnableAuditDevice, stackEnforceOwnershipLabels];
