/** Runs `total` tasks with at most `width` of them in flight at once. */
export async function runConcurrently(total: number, width: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < total) await task(next++);
    }),
  );
}
