// The example project: one program, two stacks. `legacy-sync` is the CRM-to-ERP sync as the 2 a.m.
// script built it; `crm-erp-sync` is the same sync done right. The pack must reject the first and
// pass the second.
import * as pulumi from "@pulumi/pulumi";

const stack = pulumi.getStack();
// Only the selected stack's module may run: each registers its resources when loaded.
/* eslint-disable @typescript-eslint/no-require-imports */
if (stack === "legacy-sync") {
    require("./legacy-sync");
} else if (stack === "crm-erp-sync") {
    require("./crm-erp-sync");
} else {
    throw new pulumi.RunError(
        `Unknown stack "${stack}": this project has the stacks "legacy-sync" and "crm-erp-sync".`,
    );
}
