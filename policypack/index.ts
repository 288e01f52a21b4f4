// The only place that starts the pack. `new PolicyPack` starts a gRPC server, so rules live in
// `policies/` and tests import them from there. `withExemptions` adds the shared config (the
// platform team's exemptions) to every rule and applies it to what each rule reports.
import { PolicyPack } from "@pulumi/policy";
import { withExemptions } from "./lib/exemptions";
import { allPolicies } from "./policies";

new PolicyPack("gdpr-guard", {
    policies: withExemptions(allPolicies),
});
