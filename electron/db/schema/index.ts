/** The database schema, one file per domain; drizzle-kit reads this index. */
export * from './app';
export * from './roster';
export * from './topics';
export * from './meetings';
export * from './run';
export * from './records';
export * from './followup';
export * from './collection';
export * from './trust';
export * from './receipts';
