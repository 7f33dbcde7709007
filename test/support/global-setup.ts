import { checkFreshBuild } from './fresh-build';
import { checkRedisServer } from './prerequisites';

/** Runs once before any test: a missing prerequisite or a stale build stops the run with the fix, never a skip. */
export default function globalSetup(): void {
  checkRedisServer();
  checkFreshBuild();
}
