// ESLint: typescript-eslint's recommended rules everywhere, mocha's in tests, and Pulumi's rules
// (no Output in a template literal) where Outputs live: components and example stacks.
import pulumi from "@pulumi/eslint-plugin";
import mocha from "eslint-plugin-mocha";
import tseslint from "typescript-eslint";

export default tseslint.config(
    {
        ignores: ["node_modules/**", "dist/**", "policypack/bin/**", "**/*.js", "**/*.mjs"],
    },
    ...tseslint.configs.recommended,
    {
        rules: {
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
        files: ["components/**/*.ts", "stacks/**/*.ts"],
        plugins: { "@pulumi": pulumi },
        languageOptions: {
            parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
        },
        rules: {
            "@pulumi/no-output-in-template-literal": "error",
            "@pulumi/no-output-instance-in-template-literal": "error",
        },
    },
);
