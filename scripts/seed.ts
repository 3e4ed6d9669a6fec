// npx tsx scripts/seed.ts: demo hospitals, staff logins and patients (app/demo/seed-demo.server.ts).
// Safe to run again: what exists is kept. Run the migrations first (npx tsx scripts/migrate.ts).
import { closeDatabase } from "~db/client.server";
import { seedDemo } from "~/demo/seed-demo.server";

const started = Date.now();
try {
  const report = await seedDemo();
  for (const h of report.hospitals) {
    const what = h.created ? "created" : "already there";
    console.log(`${h.name} (/h/${h.slug}): ${what}, ${h.patientsAdded} patients added`);
  }
  console.log("");
  console.table(report.logins);
  const port = process.env.PORT ?? "3000";
  console.log(`Sign in at http://127.0.0.1:${port}/sign-in with any login above (password ${report.logins[0]?.password}).`);
  const owner = report.platformOwner;
  console.log(
    `Platform console (demo only): http://127.0.0.1:${port}/admin/sign-in as ${owner.email} / ${owner.password}, ` +
      `TOTP secret ${owner.totpSecret} (add it to an authenticator app; see README).`,
  );
  console.log(`Seeded in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
} finally {
  await closeDatabase();
}
