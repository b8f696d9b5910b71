export { createApp } from './app.js';
export type { AppDependencies } from './app.js';
export { loadConfig } from './config.js';
export type { QuotaConfig, QuotaLimit, SharedSecretIssuerConfig, SignerConfig } from './config.js';
