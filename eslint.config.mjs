// ESLint: typescript-eslint's recommended rules everywhere, with the type-aware promise rules (an
// unawaited async secret scan or rule is a verdict lost); mocha's in tests; Pulumi's rules (no
// Output in a template literal) where Outputs live: components and example stacks; and the one
// import rule of the pack: a rule imports policypack/lib and packages, never another rule.
import pulumi from "@pulumi/eslint-plugin";
import mocha from "eslint-plugin-mocha";
import tseslint from "typescript-eslint";

export default tseslint.config(
    {
        ignores: ["node_modules/**", "dist/**", "policypack/bin/**", "**/*.js", "**/*.mjs"],
    },
    ...tseslint.configs.recommended,
    {
        languageOptions: {
            parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
        },
        rules: {
            "@typescript-eslint/no-floating-promises": "error",
            "@typescript-eslint/no-misused-promises": "error",
            // Rules read untyped resource properties defensively; `any` is the honest type there.
            "@typescript-eslint/no-explicit-any": "off",
            "@typescript-eslint/no-unused-vars": [
                "error",
                {
                    argsIgnorePattern: "^_",
                    varsIgnorePattern: "^_",
                    destructuredArrayIgnorePattern: "^_",
                    ignoreRestSiblings: true,
                },
            ],
        },
    },
    {
        files: ["test/**/*.ts"],
        ...mocha.configs.recommended,
        rules: {
            ...mocha.configs.recommended.rules,
            "mocha/no-mocha-arrows": "off",
            "mocha/no-setup-in-describe": "off",
            "mocha/max-top-level-suites": "off",
            "@typescript-eslint/no-non-null-assertion": "off",
        },
    },
    {
        files: ["policypack/policies/**/*.ts"],
        ignores: ["policypack/policies/**/index.ts"],
        rules: {
            "no-restricted-imports": [
                "error",
                {
                    patterns: [
                        {
                            regex: "^\\.\\.?/(?!(\\.\\./)*lib/)",
                            message:
                                "A rule imports only policypack/lib and packages: move what two rules share into policypack/lib.",
                        },
                    ],
                },
            ],
        },
    },
    {
        files: ["components/**/*.ts", "stacks/**/*.ts"],
        plugins: { "@pulumi": pulumi },
        rules: {
            "@pulumi/no-output-in-template-literal": "error",
            "@pulumi/no-output-instance-in-template-literal": "error",
        },
    },
);
