// A one-line progress display on a terminal; silent when stderr is not a TTY (CI, pipes).
import type { ImportProgress } from '../services/import.service.js';

export function progressPrinter(stream: NodeJS.WriteStream = process.stderr) {
  const started = Date.now();
  let shown = false;
  return {
    update(p: ImportProgress) {
      if (!stream.isTTY) return;
      const pct = p.bytesTotal > 0 ? Math.min(100, Math.floor((p.bytesRead / p.bytesTotal) * 100)) : 100;
      const secs = Math.max(0.001, (Date.now() - started) / 1000);
      const rate = Math.round(p.records / secs).toLocaleString('en-US');
      stream.write(`\r${p.file}: ${pct}%  ${p.records.toLocaleString('en-US')} records  ${rate}/s   `);
      shown = true;
    },
    done() {
      if (shown) stream.write('\n');
      shown = false;
    },
  };
}
