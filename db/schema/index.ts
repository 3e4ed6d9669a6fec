// The schema by capability. Tenant tables are declared through kit.ts; global tables are the platform's
// registry and the sign-in identities, each behind its own database role (decisions 001, 020).
export * from "./audit";
export * from "./configuration";
export * from "./hospitals";
export * from "./identity";
export * from "./orders";
export * from "./patients";
export * from "./platform";
export * from "./security";
export * from "./mail";
export * from "./setup";
export * from "./training";
export * from "./templates";
export * from "./visits";
export * from "./clinical";
export * from "./exports";
export * from "./support";
