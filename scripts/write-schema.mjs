// Writes schema/schema.graphql from the compiled gateway (run `npm run build` first; `npm run schema` does).
// It imports dist/ rather than src/ so that it runs on plain Node, and it lives outside src/ so it never ships.
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';
import { gatewaySubgraphSdl } from '../dist/schema/subgraph-sdl.js';

const target = fileURLToPath(new URL('../schema/schema.graphql', import.meta.url));
writeFileSync(target, await gatewaySubgraphSdl());
process.stdout.write(`wrote ${target}\n`);
