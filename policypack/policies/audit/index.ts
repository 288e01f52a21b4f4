import type { Policies } from "@pulumi/policy";

/** The `audit` family, in documentation order. */
export const auditPolicies: Policies = [];
