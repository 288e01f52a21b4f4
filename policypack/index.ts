// The only place that starts the pack. `new PolicyPack` starts a gRPC server, so rules live in
// `policies/` and tests import them from there.
import { PolicyPack } from "@pulumi/policy";
import { allPolicies } from "./policies";

new PolicyPack("gdpr-guard", {
    policies: allPolicies,
});
