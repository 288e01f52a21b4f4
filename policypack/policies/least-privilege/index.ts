import type { Policies } from "@pulumi/policy";
import { configureMaxSessionDuration } from "./aws/iam/configureMaxSessionDuration";
import { disallowBroadManagedPolicies } from "./aws/iam/disallowBroadManagedPolicies";
import { disallowPrivilegeEscalation } from "./aws/iam/disallowPrivilegeEscalation";
import { disallowPublicPrincipals } from "./aws/iam/disallowPublicPrincipals";
import { disallowPublicTrust } from "./aws/iam/disallowPublicTrust";
import { disallowUserPolicies } from "./aws/iam/disallowUserPolicies";
import { disallowWildcardActions } from "./aws/iam/disallowWildcardActions";
import { disallowWildcardResources } from "./aws/iam/disallowWildcardResources";
import { enforceAccountTrustConditions } from "./aws/iam/enforceAccountTrustConditions";
import { enforceIrsaConditions } from "./aws/iam/enforceIrsaConditions";
import { configureServiceAccount as syncJobConfigureServiceAccount } from "./kubernetes/batch/configureServiceAccount";
import { configureServiceAccount as podConfigureServiceAccount } from "./kubernetes/core/configureServiceAccount";
import { disallowBroadBindings } from "./kubernetes/rbac/disallowBroadBindings";
import { disallowEscalationVerbs } from "./kubernetes/rbac/disallowEscalationVerbs";
import { disallowSecretReads } from "./kubernetes/rbac/disallowSecretReads";
import { disallowWildcardRules } from "./kubernetes/rbac/disallowWildcardRules";
import { disallowPrivilegedPolicies } from "./vault/auth/disallowPrivilegedPolicies";
import { disallowBroadGrants } from "./vault/sys/disallowBroadGrants";
import { disallowTenantWildcards } from "./vault/sys/disallowTenantWildcards";

/** The `least-privilege` family, in documentation order. */
export const leastPrivilegePolicies: Policies = [
    // AWS IAM
    disallowWildcardActions,
    disallowWildcardResources,
    disallowPrivilegeEscalation,
    disallowBroadManagedPolicies,
    disallowPublicTrust,
    enforceAccountTrustConditions,
    enforceIrsaConditions,
    configureMaxSessionDuration,
    disallowUserPolicies,
    disallowPublicPrincipals,
    // Kubernetes RBAC
    disallowWildcardRules,
    disallowBroadBindings,
    disallowEscalationVerbs,
    disallowSecretReads,
    syncJobConfigureServiceAccount,
    podConfigureServiceAccount,
    // Vault
    disallowBroadGrants,
    disallowTenantWildcards,
    disallowPrivilegedPolicies,
];
