export { adminRoutes, type AdminOptions } from './adminRoutes.ts';
