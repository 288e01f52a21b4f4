import type { Policies } from "@pulumi/policy";
import { auditPolicies } from "./audit";
import { encryptionPolicies } from "./encryption";
import { exposurePolicies } from "./exposure";
import { leastPrivilegePolicies } from "./least-privilege";
import { recoverabilityPolicies } from "./recoverability";
import { secretsPolicies } from "./secrets";
import { transportPolicies } from "./transport";

/** Every rule of the pack, grouped by family. `policypack/index.ts` serves exactly this list. */
export const allPolicies: Policies = [
    ...transportPolicies,
    ...secretsPolicies,
    ...leastPrivilegePolicies,
    ...encryptionPolicies,
    ...exposurePolicies,
    ...recoverabilityPolicies,
    ...auditPolicies,
];
