#!/usr/bin/env node
// Thin launcher: the CLI lives in dist/cli/main.js, built by `npm run build` (run by `npm install`).
import { runCli } from '../dist/cli/main.js';

await runCli();
