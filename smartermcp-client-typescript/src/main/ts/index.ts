export { SmarterMCP, USER_AGENT, type SmarterMCPOptions } from './client.js';
export * from './categories.js';
export * from './errors.js';
export { WRITE_TOOLS } from './calls.js';
export * from './generated/models/index.js';
