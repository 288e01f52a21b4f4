import type { Policies } from "@pulumi/policy";

/** The `secrets` family, in documentation order. */
export const secretsPolicies: Policies = [];
