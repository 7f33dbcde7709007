/** A listener as start-up messages name it: Node's own error names neither the listener nor its setting. */
export interface NamedListener {
  /** How messages call it, e.g. "the metrics listener". */
  readonly name: string;
  /** The variable that sets its port. */
  readonly portVariable: string;
  /** The other way out, when there is one, e.g. "or to off". */
  readonly alternative?: string;
}

/** Runs `listen`; a failure becomes an error that says which listener failed and which variable to change. */
export async function listenAs<T>(listener: NamedListener, listen: () => Promise<T>): Promise<T> {
  try {
    return await listen();
  } catch (error) {
    throw new Error(listenFailure(listener, error), { cause: error });
  }
}

export function listenFailure(listener: NamedListener, error: unknown): string {
  const { code, address, port } = error as NodeJS.ErrnoException & { address?: string; port?: number };
  const where = address === undefined ? '' : ` on ${address}:${port}`;
  if (code === 'EADDRINUSE') {
    const remedy = [`set ${listener.portVariable} to a free port`, listener.alternative].filter(Boolean);
    return `${listener.name} cannot listen${where}: the port is already in use, perhaps by another instance (EADDRINUSE); ${remedy.join(', ')}`;
  }
  const reason = error instanceof Error ? error.message : String(error);
  return `${listener.name} cannot listen${where} (${listener.portVariable}): ${reason}`;
}
