import type { Policies } from "@pulumi/policy";

/** The `least-privilege` family, in documentation order. */
export const leastPrivilegePolicies: Policies = [];
