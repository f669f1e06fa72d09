export { adminRoutes, type AdminOptions } from './adminRoutes.ts';
export { settingsRoutes, type SettingsRoutesOptions } from './settingsRoutes.ts';
export { churnRoutes, type ChurnModelService, type ChurnRoutesOptions } from './churnRoutes.ts';
