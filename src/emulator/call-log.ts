import type { AuthKind } from './rest-auth';
import type { FaultKind } from './faults';

/** One /rest/ request as the emulator saw it. Credentials are never recorded. */
export interface CallLogEntry {
  /** Lower-cased method name without `.json`; '' when the path named none. */
  method: string;
  /** The authenticated user, or null when authentication failed or was not reached. */
  userId: number | null;
  authKind: AuthKind;
  /** Upper-cased parameter names, without `AUTH` / `ACCESS_TOKEN`; bigint ids as strings. */
  params: Record<string, unknown>;
  /** HTTP status sent, or null when no answer was sent (hang, reset). */
  status: number | null;
  /** Bitrix24 error code sent, or null. */
  error: string | null;
  /** Whether the portal state changed. */
  applied: boolean;
  fault: FaultKind | null;
  /** Arrival time, ISO 8601. */
  timestamp: string;
  /** For a batch: the commands it ran, in order. Commands it refused or never reached are not listed. */
  commands?: CommandLogEntry[];
}

/** One command run inside a batch, under the batch's own credentials. */
export interface CommandLogEntry {
  /** The command's key in `cmd`. */
  key: string;
  method: string;
  userId: number;
  /** As in CallLogEntry: upper-cased names, credentials left out. */
  params: Record<string, unknown>;
  error: string | null;
  applied: boolean;
}

/** Enough for any test run while keeping a long-running dev emulator from growing without bound. */
const MAX_ENTRIES = 10_000;

export class CallLog {
  private entries: CallLogEntry[] = [];

  add(entry: CallLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.shift();
  }

  list(): readonly CallLogEntry[] {
    return this.entries;
  }

  clear(): void {
    this.entries = [];
  }
}
