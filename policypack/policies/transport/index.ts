import type { Policies } from "@pulumi/policy";

/** The `transport` family, in documentation order. */
export const transportPolicies: Policies = [];
