import { checkRedisServer } from './prerequisites';

/** Runs once before any test: a missing prerequisite stops the run with how to install it, never a skip. */
export default function globalSetup(): void {
  checkRedisServer();
}
