import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Layering (DESIGN.md): lib/oauth is framework-free protocol code, and so is lib/http (Node's own
// http types only); app/ and components/ reach the database only through lib/services;
// client-safe folders stay free of server code.
const frameworkFree = {
  group: [
    "next",
    "next/*",
    "react",
    "react-dom",
    "next-auth",
    "next-auth/*",
    "@prisma/*",
    "@/lib/db",
    "@/lib/db/*",
    "@/lib/services",
    "@/lib/services/*",
    "@/lib/auth/*",
  ],
  message: "lib/oauth is framework-free: take plain inputs (Web Request, ports) and return plain results.",
};
const noDb = {
  group: ["@/lib/db", "@/lib/db/*", "@prisma/*", "pg", "@electric-sql/*"],
  message: "Go through @/lib/services: it checks permissions and writes the audit event.",
};

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      "dist/**",
      "node_modules/**",
      "lib/db/generated/**",
      "test-results/**",
      "playwright-report/**",
      ".data/**",
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    files: ["lib/oauth/**", "lib/identity/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [frameworkFree] }] },
  },
  {
    files: ["lib/http/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              ...frameworkFree,
              message: "lib/http adapts Node's req/res to the framework-free endpoints: no framework here.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["app/**", "components/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [noDb] }] },
  },
  {
    files: ["lib/queries/**", "lib/schemas/**", "components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            noDb,
            {
              group: ["@/lib/services", "@/lib/services/*"],
              allowTypeImports: true,
              message: "Client-safe code may import service types only.",
            },
          ],
        },
      ],
    },
  },
];

export default config;
