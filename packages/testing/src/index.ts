export {
  requiredEngines,
  reportAvailability,
  dockerReachable,
  type Availability,
  type EngineName,
} from './engineAvailability.ts';
export { postgresServer, createTestDatabase, type TestPostgres } from './postgresForTests.ts';
export { kafkaBrokers, uniqueTopic } from './kafkaForTests.ts';
export { clickhouseServerUrl } from './clickhouseServerForTests.ts';
export { tempDir } from './tempDir.ts';
