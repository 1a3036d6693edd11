// Runs Lighthouse (mobile preset: a mid-range phone on a slow 4G network,
// simulated) on each URL given, in Debian's Chromium, and prints the four
// category scores and the audits that did not score 1, as JSON.
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CENTAR_CHROMIUM || '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run',
    '--disable-background-networking', '--disable-component-update'],
});
const results = [];
try {
  for (const url of process.argv.slice(2)) {
    const { lhr } = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
    });
    const scores = {};
    const failed = [];
    for (const [id, cat] of Object.entries(lhr.categories)) {
      scores[id] = cat.score;
      for (const ref of cat.auditRefs) {
        const a = lhr.audits[ref.id];
        if (ref.weight > 0 && a.score !== null && a.score < 1) failed.push(`${id}: ${a.id} (${a.score}${a.displayValue ? ", " + a.displayValue : ""}) ${a.title}`);
      }
    }
    results.push({ URL: url, Scores: scores, Failed: failed, BenchmarkIndex: lhr.environment.benchmarkIndex });
  }
} finally {
  await chrome.kill();
}
process.stdout.write(JSON.stringify(results));
