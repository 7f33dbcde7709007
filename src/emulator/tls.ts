import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A key and certificate for the HTTPS listener, and the certificate's file for clients to trust. */
export interface TlsMaterial {
  key: string;
  cert: string;
  certPath: string;
  /** Removes what was made at start; the user's own files are left alone. */
  dispose(): Promise<void>;
}

/** Reads a key and certificate the user made (for instance with mkcert, already trusted). */
export async function tlsFromFiles(certPath: string, keyPath: string): Promise<TlsMaterial> {
  const [cert, key] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')]);
  return { cert, key, certPath, dispose: async () => undefined };
}

/**
 * A self-signed certificate made now for the loopback names and the bound host, written to a fresh
 * temporary file so a client can trust exactly it (NODE_EXTRA_CA_CERTS) and nothing else. The key
 * stays in memory.
 */
export async function selfSignedTls(host: string): Promise<TlsMaterial> {
  // Loaded only when HTTPS is asked for: the emulator over plain HTTP needs nothing beyond Node.
  const { generate } = await import('selfsigned');
  const pems = await generate([{ name: 'commonName', value: 'Bitrix24 emulator' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: altNames(host) },
    ],
  });
  const certPath = join(await mkdtemp(join(tmpdir(), 'bitrix24-emulator-')), 'cert.pem');
  await writeFile(certPath, pems.cert);
  const dispose = () => rm(dirname(certPath), { recursive: true, force: true });
  return { key: pems.private, cert: pems.cert, certPath, dispose };
}

type AltName = { type: 2; value: string } | { type: 7; ip: string };

function altNames(host: string): AltName[] {
  const names: AltName[] = [
    { type: 2, value: 'localhost' },
    { type: 7, ip: '127.0.0.1' },
    { type: 7, ip: '::1' },
  ];
  // A wildcard bind address names no host a client could ask for.
  if (['localhost', '127.0.0.1', '::1', '0.0.0.0', '::'].includes(host)) return names;
  return [...names, isIP(host) ? { type: 7, ip: host } : { type: 2, value: host }];
}
