// MeshNamespace alone, in both meshes: must pass the whole pack.
import { MeshNamespace } from "../../../../components";

const owner = { "data-owner": "sales-operations", "data-category": "customer-contact" };
new MeshNamespace("crm", {
    mesh: "istio",
    labels: owner,
    allowFrom: [{ namespace: "erp", serviceAccount: "erp-api" }],
});
new MeshNamespace("erp", {
    mesh: "linkerd",
    labels: owner,
    ports: [8443],
    allowFrom: [{ namespace: "crm", serviceAccount: "crm-sync" }],
});
