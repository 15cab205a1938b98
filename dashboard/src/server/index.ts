/** @aware/dashboard (server side): sign-in, users, fleet health, the SPA; dispatch's routes mounted in the same server. */
export { start, type RunningDashboard } from './start.js';
export { buildApp, type DashboardDeps } from './app.js';
export { loadConfig, DEFAULT_STATIC_DIR, type DashboardConfig } from './config.js';
export { DASHBOARD_ERRORS, DashboardError, DashboardErrorCode, isDashboardError } from './errors.js';
export { ensureBuilt } from './build-assets.js';
export { createFirstAdmin } from './seed/create-first-admin.js';
