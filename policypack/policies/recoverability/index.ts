import type { Policies } from "@pulumi/policy";

/** The `recoverability` family, in documentation order. */
export const recoverabilityPolicies: Policies = [];
