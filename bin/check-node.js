// Refuses, in one sentence, a Node.js too old for Palabre: better-sqlite3 13 needs 22 and
// crashes on older ones with a segmentation fault, so this runs before anything native loads.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `Palabre demande Node.js 22.12 ou plus récent (22 ou 24 LTS), et ceci est Node.js ${process.versions.node} : ` +
      'installez-en un avec « npm install --prefix ~/.cache/node24 node@24 » puis mettez ~/.cache/node24/node_modules/node/bin en tête du PATH.',
  );
  process.exit(1);
}
