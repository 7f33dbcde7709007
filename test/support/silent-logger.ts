import pino, { type Logger } from 'pino';

export const silentLogger: Logger = pino({ level: 'silent' });
