export { adminRoutes, type AdminOptions } from './adminRoutes.ts';
export { settingsRoutes, type SettingsRoutesOptions } from './settingsRoutes.ts';
