#!/usr/bin/env node
// The mdbrief command: runs the compiled CLI (npm run build, or npm ci, compiles pipeline/ into dist/).
import { main } from '../dist/cli.js';

process.exitCode = await main(process.argv.slice(2));
