// Version management tables (issue 5). Re-exported from db/schema.ts.
export {};
