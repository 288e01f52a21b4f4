// LeastPrivilegeRole alone: must pass the whole pack.
import { LeastPrivilegeRole } from "../../../../components";

new LeastPrivilegeRole("crm-sync", {
    oidcProviderArn:
        "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE",
    namespace: "crm",
    serviceAccount: "crm-sync",
    grants: [
        {
            actions: ["sqs:SendMessage"],
            resources: ["arn:aws:sqs:eu-west-1:111122223333:crm-events"],
        },
    ],
    tags: { "data-owner": "sales-operations", "data-category": "customer-contact" },
});
