// Preloaded (node --require) into a `pasteup export` child by the signal tests: every fsync of
// a file waits until the process has been sent SIGINT, SIGTERM or SIGHUP. The export fsyncs
// its staged files before it gives any of them its final name, so the signal always arrives
// while it is writing, however slowly the test process sees the first temporary file (the
// window used to be the ~40 ms between the first .tmp and the renames, which a loaded
// machine can miss). The export's own signal handling runs as it would without this.
'use strict';
const { open } = require('node:fs/promises');

let release;
const signalled = new Promise((resolve) => (release = resolve));
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(sig, () => release());

void open(__filename).then(async (fh) => {
  const proto = Object.getPrototypeOf(fh);
  const sync = proto.sync;
  proto.sync = async function heldSync(...args) {
    const alive = setInterval(() => undefined, 60_000); // a pending promise alone lets node exit
    await signalled;
    clearInterval(alive);
    return sync.apply(this, args);
  };
  await fh.close();
});
