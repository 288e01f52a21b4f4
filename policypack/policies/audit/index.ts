import type { Policies } from "@pulumi/policy";
import { enforceOwnershipLabels as stackEnforceOwnershipLabels } from "./pulumi/stack/enforceOwnershipLabels";
import { enableAccessLogs as apigatewayEnableAccessLogs } from "./aws/apigateway/enableAccessLogs";
import { enableAuditLogs as eksEnableAuditLogs } from "./aws/eks/enableAuditLogs";
import { enableAccessLogs as lbEnableAccessLogs } from "./aws/lb/enableAccessLogs";
import { enableLogExports as rdsEnableLogExports } from "./aws/rds/enableLogExports";
import { enableAccessLogging as s3EnableAccessLogging } from "./aws/s3/enableAccessLogging";
import { enableAuditDevice as vaultEnableAuditDevice } from "./vault/sys/enableAuditDevice";

/** The `audit` family, in documentation order. */
export const auditPolicies: Policies = [
    vaultEnableAuditDevice,
    rdsEnableLogExports,
    eksEnableAuditLogs,
    lbEnableAccessLogs,
    apigatewayEnableAccessLogs,
    s3EnableAccessLogging,
    stackEnforceOwnershipLabels,
];
